using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pactor.Core.Mirror;

namespace Pactor.Core.Upstreams;

/// <summary>
/// Health per upstream (mirror or torrent source, by its template), fed by the outcome of every GET pactor makes there:
/// time to first byte, throughput, and failures (silence, resets, 5xx, bodies cut short). A failure puts the upstream
/// <see cref="UpstreamState.Down"/> for <see cref="MirrorOptions.UpstreamBackoff"/>, doubling with each failure in a
/// row up to <see cref="MirrorOptions.UpstreamMaxBackoff"/>; past it the upstream is <see cref="UpstreamState.Degraded"/>
/// until a GET (a request's or <see cref="UpstreamProber"/>'s) answers. So a dead mirror costs one first-byte timeout
/// per backoff instead of one per request, and pacman is never sent to it.
/// </summary>
public sealed class UpstreamHealth(TimeProvider time, IOptions<MirrorOptions> options)
{
    private readonly ConcurrentDictionary<string, UpstreamHealthEntry> entries = new(StringComparer.Ordinal);

    /// <summary>Raised with the upstream and the failure's reason, for metrics.</summary>
    public event Action<MirrorUrlTemplate, string>? Failed;

    /// <summary>Runs one GET against <paramref name="upstream"/> and records its outcome; what it throws is not the upstream's and is not recorded.</summary>
    public async Task<UpstreamResponse> MeasureAsync(MirrorUrlTemplate upstream, Func<Task<UpstreamResponse>> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var started = time.GetTimestamp();
        var response = await get();
        Record(upstream, response, time.GetElapsedTime(started));
        return response;
    }

    /// <summary>Any answer (a 404 too) proves the upstream alive; only <see cref="UpstreamStatus.Failed"/> counts against it.</summary>
    public void Record(MirrorUrlTemplate upstream, UpstreamResponse response, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(response);
        var entry = Entry(upstream);
        var now = time.GetUtcNow();
        if (response.Status == UpstreamStatus.Failed)
        {
            lock (entry.Gate)
            {
                entry.Failed(now, response.Reason ?? "failed", options.Value.UpstreamBackoff, options.Value.UpstreamMaxBackoff);
            }

            Failed?.Invoke(upstream, response.Reason ?? "failed");
            return;
        }

        // Throughput of small bodies is mostly latency: only bodies of 64 KiB or more say how fast the upstream sends.
        var body = elapsed - (response.TimeToFirstByte ?? TimeSpan.Zero);
        double? rate = response.Length >= 64 * 1024 && body > TimeSpan.Zero ? response.Length / body.TotalSeconds : null;
        lock (entry.Gate)
        {
            entry.Succeeded(now, response.TimeToFirstByte, rate);
        }
    }

    /// <summary>
    /// <paramref name="upstream"/> served a database older than one another upstream served: it is not asked for
    /// databases or signatures (a signature must match the database beside it) for <see cref="MirrorOptions.UpstreamMaxBackoff"/>.
    /// </summary>
    public void MarkStale(MirrorUrlTemplate upstream, string reason)
    {
        var entry = Entry(upstream);
        lock (entry.Gate)
        {
            entry.MarkStale(time.GetUtcNow() + options.Value.UpstreamMaxBackoff, reason);
        }
    }

    /// <summary>
    /// The speed <see cref="MirrorRanker"/> measured for <paramref name="upstream"/> (null: it failed the test): among
    /// upstreams of the same health, measured ones go first, fastest first, before those not measured.
    /// </summary>
    public void RecordRanking(MirrorUrlTemplate upstream, double? bytesPerSecond)
    {
        var entry = Entry(upstream);
        lock (entry.Gate)
        {
            entry.Ranked(bytesPerSecond);
        }
    }

    /// <summary>
    /// <paramref name="upstream"/> lost a race without answering (<see cref="UpstreamRace"/>): until its GET ends, at
    /// most a first-byte timeout, it is degraded and left out like a down one while others are usable, so that the
    /// requests that follow (databases, torrents, redirects) do not wait for it.
    /// </summary>
    public void MarkOutrun(MirrorUrlTemplate upstream)
    {
        var entry = Entry(upstream);
        lock (entry.Gate)
        {
            entry.Outrun(time.GetUtcNow() + options.Value.FirstByteTimeout);
        }
    }

    public UpstreamState StateOf(MirrorUrlTemplate upstream) => Snapshot(upstream).State;

    /// <summary>
    /// <paramref name="upstreams"/> in the order to ask them: healthy, then degraded (slow or stale before those waiting
    /// for a probe), each in the given order. Down upstreams come last, soonest due first, and only when nothing else is
    /// left; stale ones are left out for databases.
    /// </summary>
    public IReadOnlyList<MirrorUrlTemplate> Order(IEnumerable<MirrorUrlTemplate> upstreams, bool forDatabases)
    {
        var now = time.GetUtcNow();
        var ranked = upstreams
            .Select((upstream, index) => (Upstream: upstream, Index: index, Rank: Rank(Entry(upstream), now, forDatabases)))
            .Where(candidate => candidate.Rank.Tier >= 0)
            .OrderBy(candidate => candidate.Rank.Tier)
            .ThenBy(candidate => candidate.Rank.Due)
            .ThenByDescending(candidate => candidate.Rank.Speed)
            .ThenBy(candidate => candidate.Index)
            .ToList();
        var usable = ranked.Where(candidate => candidate.Rank.Tier < DownTier).ToList();
        return [.. (usable.Count > 0 ? usable : ranked).Select(candidate => candidate.Upstream)];
    }

    /// <summary>Where to send pacman: the first healthy upstream, else the first degraded one that has not failed; null when none.</summary>
    public MirrorUrlTemplate? BestRedirectTarget(IEnumerable<MirrorUrlTemplate> upstreams)
    {
        var now = time.GetUtcNow();
        return upstreams
            .Select((upstream, index) => (Upstream: upstream, Index: index, Rank: Rank(Entry(upstream), now, forDatabases: false)))
            .Where(candidate => candidate.Rank.Tier is HealthyTier or SlowTier)
            .OrderBy(candidate => candidate.Rank.Tier)
            .ThenByDescending(candidate => candidate.Rank.Speed)
            .ThenBy(candidate => candidate.Index)
            .Select(candidate => candidate.Upstream)
            .FirstOrDefault();
    }

    /// <summary>
    /// Upstreams past their backoff that no GET has tried since, each handed out once per backoff: the caller probes
    /// them and <see cref="Record"/>s the outcome.
    /// </summary>
    public IReadOnlyList<MirrorUrlTemplate> TakeDueForProbe(IEnumerable<MirrorUrlTemplate> upstreams)
    {
        var now = time.GetUtcNow();
        var due = new List<MirrorUrlTemplate>();
        foreach (var upstream in upstreams.DistinctBy(u => u.Text, StringComparer.Ordinal))
        {
            var entry = Entry(upstream);
            lock (entry.Gate)
            {
                if (entry.ConsecutiveFailures > 0 && entry.RetryAt <= now && (entry.ProbeStartedAt is null || entry.ProbeStartedAt < entry.RetryAt))
                {
                    entry.ProbeStartedAt = now;
                    due.Add(upstream);
                }
            }
        }

        return due;
    }

    public UpstreamHealthSnapshot Snapshot(MirrorUrlTemplate upstream)
    {
        var entry = Entry(upstream);
        var now = time.GetUtcNow();
        lock (entry.Gate)
        {
            var (state, why) = Classify(entry, now);
            return new UpstreamHealthSnapshot(
                entry.Upstream, state, why, entry.ConsecutiveFailures, entry.Successes, entry.Failures,
                entry.ConsecutiveFailures > 0 ? entry.RetryAt : null, entry.LastError, entry.LastErrorAt, entry.LastSuccessAt,
                entry.TimeToFirstByteMs, entry.BytesPerSecond, entry.IsStale(now), entry.RankedBytesPerSecond);
        }
    }

    private const int HealthyTier = 0;
    private const int SlowTier = 1;
    private const int ProbeTier = 2;
    private const int DownTier = 3;

    // Speed: the ranked speed, -1 when not measured (after every measured one).
    private (int Tier, DateTimeOffset Due, double Speed) Rank(UpstreamHealthEntry entry, DateTimeOffset now, bool forDatabases)
    {
        lock (entry.Gate)
        {
            var speed = entry.RankedBytesPerSecond ?? -1;
            if (entry.ConsecutiveFailures > 0)
            {
                var due = entry.RetryAt ?? now;
                return (due > now ? DownTier : ProbeTier, due, speed);
            }

            if (entry.IsStale(now))
            {
                return (forDatabases ? -1 : SlowTier, now, speed);
            }

            // Outrun: as good as down until its GET ends (a torrent or database GET would only wait for it too).
            if (entry.IsOutrun(now))
            {
                return (DownTier, entry.OutrunUntil!.Value, speed);
            }

            return (IsSlow(entry) ? SlowTier : HealthyTier, now, speed);
        }
    }

    private (UpstreamState State, string Why) Classify(UpstreamHealthEntry entry, DateTimeOffset now)
    {
        if (entry.ConsecutiveFailures > 0)
        {
            return entry.RetryAt > now
                ? (UpstreamState.Down, $"{entry.LastError}; skipped until {entry.RetryAt:HH:mm:ss}")
                : (UpstreamState.Degraded, $"{entry.LastError}; waiting for a probe");
        }

        if (entry.IsStale(now))
        {
            return (UpstreamState.Degraded, entry.StaleReason ?? "stale");
        }

        if (entry.IsOutrun(now))
        {
            return (UpstreamState.Degraded, "no answer yet, another mirror answered first");
        }

        return IsSlow(entry)
            ? (UpstreamState.Degraded, $"slow: first byte after {entry.TimeToFirstByteMs:0} ms on average")
            : (UpstreamState.Healthy, entry.Successes > 0 ? "answering" : "not asked yet");
    }

    // Slower than half the first-byte timeout on average: the next slow answer may well miss it.
    private bool IsSlow(UpstreamHealthEntry entry) =>
        entry.TimeToFirstByteMs > options.Value.FirstByteTimeout.TotalMilliseconds / 2;

    private UpstreamHealthEntry Entry(MirrorUrlTemplate upstream) =>
        entries.GetOrAdd(upstream.Text, text => new UpstreamHealthEntry(text));
}
