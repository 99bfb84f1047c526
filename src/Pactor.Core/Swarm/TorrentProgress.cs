namespace Pactor.Core.Swarm;

/// <summary>One download as the torrent client reports it.</summary>
public sealed record TorrentProgress(
    string Hash,
    string Name,
    bool IsComplete,
    long CompletedBytes,
    long SizeBytes,
    int Peers,
    long UploadedBytes,
    long DownloadRate,
    string? BasePath,
    string? Message);
