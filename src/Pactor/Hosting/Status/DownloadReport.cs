using Pactor.Core.Activity;

namespace Pactor.Hosting.Status;

/// <summary>One swarm download in flight; <see cref="Progress"/> is 0 to 1, <see cref="EtaSeconds"/> null without a rate.</summary>
public sealed record DownloadReport(
    string File,
    string Name,
    string? Hash,
    string State,
    long CompletedBytes,
    long TotalBytes,
    double Progress,
    long BytesPerSecond,
    int Peers,
    double? EtaSeconds,
    int Waiting,
    double ElapsedSeconds)
{
    public static DownloadReport From(DownloadSnapshot download)
    {
        ArgumentNullException.ThrowIfNull(download);
        return new(
            download.File,
            download.Name,
            download.Hash,
            download.State,
            download.CompletedBytes,
            download.TotalBytes,
            Math.Round(download.Progress, 4),
            download.BytesPerSecond,
            download.Peers,
            download.Eta is { } eta ? Math.Round(eta.TotalSeconds, 1) : null,
            download.Waiting,
            Math.Round(download.Elapsed.TotalSeconds, 1));
    }
}
