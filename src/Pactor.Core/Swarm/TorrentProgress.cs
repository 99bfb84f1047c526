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
    string? Message)
{
    /// <summary>
    /// Bytes from the start of the data in pieces the client has checked against the torrent's piece hashes (and
    /// does not write again), up to the first missing piece: <see cref="SizeBytes"/> once complete, 0 when unknown.
    /// It shrinks while the client checks its data again (rtorrent does after completion).
    /// </summary>
    public long VerifiedPrefixBytes { get; init; }
}
