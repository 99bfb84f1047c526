using Pactor.RTorrent;

namespace Pactor.Cli;

/// <summary>One download as <c>pactor rtorrent list</c> shows it.</summary>
public sealed record DownloadRow(
    string Hash,
    string Name,
    string State,
    double Percent,
    long Size,
    long Completed,
    long Uploaded,
    long DownRate,
    long UpRate,
    int Peers,
    string Label,
    string Path,
    string Message)
{
    public static DownloadRow From(DownloadStatus s) => new(
        s.Hash,
        s.Name,
        s.IsHashing ? "hashing" : s.IsComplete ? (s.IsActive ? "seeding" : "complete") : s.IsActive ? "leeching" : "stopped",
        s.SizeBytes == 0 ? (s.IsComplete ? 100 : 0) : Math.Round(100.0 * s.CompletedBytes / s.SizeBytes, 1),
        s.SizeBytes,
        s.CompletedBytes,
        s.UploadedBytes,
        s.DownRate,
        s.UpRate,
        s.PeersConnected,
        s.Label,
        s.BasePath,
        s.Message);
}
