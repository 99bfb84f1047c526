using System.Text.Json.Serialization;

namespace Pactor.Hosting.Status;

/// <summary>The body of <c>GET /api/status</c> (camelCase JSON, documented in README's "Status and metrics").</summary>
public sealed record StatusReport(
    string Version,
    DateTimeOffset Now,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    [property: JsonPropertyName("rtorrent")] RTorrentReport RTorrent,
    TotalsReport Totals,
    CacheReport Cache,
    IReadOnlyList<DownloadReport> Downloads,
    IReadOnlyList<RequestReport> Recent,
    IReadOnlyList<MinuteReport> Series)
{
    /// <summary>Every mirror and torrent source, in configured order; empty in origin mode.</summary>
    public IReadOnlyList<UpstreamReport> Upstreams { get; init; } = [];
}
