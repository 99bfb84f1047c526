namespace Pactor.Core.Upstreams;

/// <summary>The mutable record <see cref="UpstreamHealth"/> keeps per upstream; every member under its lock.</summary>
internal sealed class UpstreamHealthEntry(string upstream)
{
    // Exponentially weighted moving averages: the last few GETs count most, one odd GET does not flip the state.
    private const double Weight = 0.3;

    public Lock Gate { get; } = new();

    public string Upstream { get; } = upstream;

    public int ConsecutiveFailures { get; private set; }

    public long Successes { get; private set; }

    public long Failures { get; private set; }

    public DateTimeOffset? RetryAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    public DateTimeOffset? LastSuccessAt { get; private set; }

    public double? TimeToFirstByteMs { get; private set; }

    public double? BytesPerSecond { get; private set; }

    public DateTimeOffset? StaleUntil { get; private set; }

    public string? StaleReason { get; private set; }

    public DateTimeOffset? ProbeStartedAt { get; set; }

    /// <summary>The speed <see cref="MirrorRanker"/> last measured; null when it has not, or the mirror failed the test.</summary>
    public double? RankedBytesPerSecond { get; private set; }

    public void Ranked(double? bytesPerSecond) => RankedBytesPerSecond = bytesPerSecond;

    /// <summary>Until when it counts as slow for losing a race unanswered (its own GET ends it sooner); null when it has not.</summary>
    public DateTimeOffset? OutrunUntil { get; private set; }

    public void Outrun(DateTimeOffset until) => OutrunUntil = until;

    public bool IsOutrun(DateTimeOffset now) => OutrunUntil is { } until && now < until;

    public void Succeeded(DateTimeOffset now, TimeSpan? timeToFirstByte, double? bytesPerSecond)
    {
        OutrunUntil = null;
        ConsecutiveFailures = 0;
        RetryAt = null;
        Successes++;
        LastSuccessAt = now;
        if (timeToFirstByte is { } ttfb)
        {
            TimeToFirstByteMs = Average(TimeToFirstByteMs, ttfb.TotalMilliseconds);
        }

        if (bytesPerSecond is { } rate)
        {
            BytesPerSecond = Average(BytesPerSecond, rate);
        }
    }

    public void Failed(DateTimeOffset now, string reason, TimeSpan baseBackoff, TimeSpan maxBackoff)
    {
        OutrunUntil = null;
        ConsecutiveFailures++;
        Failures++;
        LastError = reason;
        LastErrorAt = now;
        var factor = Math.Pow(2, Math.Min(ConsecutiveFailures - 1, 30));
        var backoff = TimeSpan.FromTicks((long)Math.Min(baseBackoff.Ticks * factor, maxBackoff.Ticks));
        RetryAt = now + backoff;
    }

    public void MarkStale(DateTimeOffset until, string reason)
    {
        StaleUntil = until;
        StaleReason = reason;
    }

    public bool IsStale(DateTimeOffset now) => StaleUntil is { } until && now < until;

    private static double Average(double? previous, double sample) =>
        previous is { } value ? value + (Weight * (sample - value)) : sample;
}
