using Pactor.Cli;
using Pactor.Core.Activity;
using Pactor.Core.Store;
using Pactor.Core.Swarm;
using Pactor.Core.Upstreams;
using Pactor.Hosting.Status;

namespace Pactor.Hosting;

/// <summary>
/// Puts together what <c>GET /api/status</c> shows. Never waits for rtorrent: it shows the last probe
/// (and starts a new one when that is old), so a slow or dead rtorrent cannot stall the page.
/// </summary>
public sealed class StatusReportBuilder(
    MirrorActivity activity,
    DownloadCoordinator downloads,
    CacheStatistics cache,
    RTorrentProbe rtorrent,
    UpstreamSet upstreams,
    TimeProvider time)
{
    public StatusReport Build()
    {
        var now = time.GetUtcNow();
        var snapshot = activity.Snapshot();
        var health = rtorrent.LatestRefreshing();
        return new StatusReport(
            PactorCommandLine.Version,
            now,
            snapshot.StartedAt,
            Math.Round((now - snapshot.StartedAt).TotalSeconds, 1),
            new RTorrentReport(rtorrent.Endpoint, rtorrent.Managed, health?.Reachable, health?.Version, health?.LibraryVersion, health?.Error, health?.CheckedAt),
            new TotalsReport(snapshot.Requests, snapshot.Errors, BytesReport.From(snapshot.Bytes), health?.UploadedBytes, snapshot.Bytes.OffloadRatio),
            CacheReport.From(cache.Snapshot()),
            [.. downloads.InFlight
                .Select(d => DownloadSnapshot.Of(d, now))
                .OrderBy(d => d.StartedAt)
                .Select(DownloadReport.From)],
            [.. snapshot.Recent.Select(RequestReport.From)],
            [.. snapshot.Series.Select(MinuteReport.From)])
        {
            Upstreams = [.. upstreams.All.Select(upstream => UpstreamReport.From(upstreams.Health.Snapshot(upstream), RolesOf(upstream)))],
        };
    }

    private string[] RolesOf(MirrorUrlTemplate upstream) =>
    [
        .. upstreams.Mirrors.Any(m => m.Text == upstream.Text) ? ["mirror"] : Array.Empty<string>(),
        .. upstreams.TorrentSources.Any(t => t.Text == upstream.Text) ? ["torrents"] : Array.Empty<string>(),
    ];
}
