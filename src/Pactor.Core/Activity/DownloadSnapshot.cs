using Pactor.Core.Swarm;

namespace Pactor.Core.Activity;

/// <summary>One swarm download in flight, as the status page shows it.</summary>
/// <param name="File">The package's path in the mirror (<c>core/os/x86_64/NAME</c>).</param>
/// <param name="State"><c>starting</c> (fetching the .torrent, loading it), <c>downloading</c> or <c>verifying</c>.</param>
/// <param name="TotalBytes">The package's size in the repo database.</param>
/// <param name="BytesPerSecond">rtorrent's rate, or the average since the start while rtorrent reports none.</param>
/// <param name="Eta">Time left at that rate; null without a rate.</param>
/// <param name="Waiting">Requests waiting on this download right now.</param>
public sealed record DownloadSnapshot(
    string File,
    string Name,
    string? Hash,
    string State,
    long CompletedBytes,
    long TotalBytes,
    long BytesPerSecond,
    int Peers,
    TimeSpan? Eta,
    int Waiting,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed)
{
    public double Progress => TotalBytes <= 0 ? 0 : Math.Clamp((double)CompletedBytes / TotalBytes, 0, 1);

    public static DownloadSnapshot Of(SwarmDownload download, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(download);
        var progress = download.Progress;
        var total = download.Entry.CompressedSize;
        var completed = Math.Min(progress?.CompletedBytes ?? 0, total);
        var elapsed = now - download.StartedAt;
        var state = download.IsVerifying ? "verifying" : download.Hash is null ? "starting" : "downloading";

        // rtorrent's rate is a rolling average that stays 0 through short transfers (see the facts file).
        var rate = progress?.DownloadRate is > 0 and var reported
            ? reported
            : elapsed > TimeSpan.Zero ? (long)(completed / elapsed.TotalSeconds) : 0;
        TimeSpan? eta = rate > 0 && !download.IsVerifying ? TimeSpan.FromSeconds((double)(total - completed) / rate) : null;
        return new DownloadSnapshot(
            download.File.RelativePath,
            download.File.FileName,
            download.Hash,
            state,
            completed,
            total,
            rate,
            progress?.Peers ?? 0,
            eta,
            download.Waiters,
            download.StartedAt,
            elapsed);
    }
}
