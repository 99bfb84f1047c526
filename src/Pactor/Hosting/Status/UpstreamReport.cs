using Pactor.Core.Upstreams;

namespace Pactor.Hosting.Status;

/// <summary>
/// One upstream as <see cref="UpstreamHealth"/> sees it. <see cref="Roles"/>: <c>mirror</c> (databases, redirects) and/or
/// <c>torrents</c>; <see cref="State"/>: <c>healthy</c>, <c>degraded</c>, <c>down</c>, with <see cref="Why"/>.
/// </summary>
public sealed record UpstreamReport(
    string Url,
    IReadOnlyList<string> Roles,
    string State,
    string Why,
    int ConsecutiveFailures,
    long Successes,
    long Failures,
    DateTimeOffset? RetryAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt,
    double? TimeToFirstByteMs,
    double? BytesPerSecond,
    bool Stale,
    double? RankedBytesPerSecond)
{
    public static UpstreamReport From(UpstreamHealthSnapshot health, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(health);
        return new UpstreamReport(
            health.Upstream,
            roles,
            StateName(health.State),
            health.Why,
            health.ConsecutiveFailures,
            health.Successes,
            health.Failures,
            health.RetryAt,
            health.LastError,
            health.LastErrorAt,
            health.LastSuccessAt,
            health.TimeToFirstByteMs is { } ttfb ? Math.Round(ttfb, 1) : null,
            health.BytesPerSecond is { } rate ? Math.Round(rate) : null,
            health.Stale,
            health.RankedBytesPerSecond is { } ranked ? Math.Round(ranked) : null);
    }

    public static string StateName(UpstreamState state) => state switch
    {
        UpstreamState.Healthy => "healthy",
        UpstreamState.Degraded => "degraded",
        _ => "down",
    };
}
