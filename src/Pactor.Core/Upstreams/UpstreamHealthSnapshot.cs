namespace Pactor.Core.Upstreams;

/// <summary>One upstream's health at a moment, for status and metrics.</summary>
public sealed record UpstreamHealthSnapshot(
    string Upstream,
    UpstreamState State,
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
    double? RankedBytesPerSecond = null);
