using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Mirror;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Tests.Upstreams;

/// <summary>Health per upstream on a fake clock: backoff, probes, the order upstreams are asked in and where pacman is sent.</summary>
public sealed class UpstreamHealthTests
{
    private static readonly MirrorUrlTemplate A = MirrorUrlTemplate.Parse("http://a.test/$repo/os/$arch");
    private static readonly MirrorUrlTemplate B = MirrorUrlTemplate.Parse("http://b.test/$repo/os/$arch");
    private static readonly MirrorUrlTemplate C = MirrorUrlTemplate.Parse("http://c.test/$repo/os/$arch");
    private static readonly UpstreamResponse Silent = UpstreamResponse.TransientFailure("no answer for 1.5 s");
    private static readonly UpstreamResponse Ok = new(UpstreamStatus.Ok, Length: 100) { TimeToFirstByte = TimeSpan.FromMilliseconds(20) };

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
    private readonly UpstreamHealth health;

    public UpstreamHealthTests() => health = new UpstreamHealth(time, Microsoft.Extensions.Options.Options.Create(new MirrorOptions()));

    [Fact]
    public void An_upstream_not_asked_yet_is_healthy()
    {
        Assert.Equal(UpstreamState.Healthy, health.StateOf(A));
        Assert.Equal([A, B], health.Order([A, B], forDatabases: true));
        Assert.Equal(A, health.BestRedirectTarget([A, B]));
    }

    [Fact]
    public void A_failure_puts_it_down_for_the_backoff_doubling_with_each_failure_in_a_row()
    {
        health.Record(A, Silent, TimeSpan.FromSeconds(1.5));
        Assert.Equal(UpstreamState.Down, health.StateOf(A));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(10), health.Snapshot(A).RetryAt);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(UpstreamState.Degraded, health.StateOf(A));
        health.Record(A, Silent, TimeSpan.FromSeconds(1.5));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(20), health.Snapshot(A).RetryAt);

        for (var i = 0; i < 10; i++)
        {
            health.Record(A, Silent, TimeSpan.Zero);
        }

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(5), health.Snapshot(A).RetryAt);
        Assert.Equal(12, health.Snapshot(A).ConsecutiveFailures);
        Assert.Equal("no answer for 1.5 s", health.Snapshot(A).LastError);
    }

    [Fact]
    public void An_answer_even_a_404_makes_it_healthy_again()
    {
        health.Record(A, Silent, TimeSpan.Zero);
        time.Advance(TimeSpan.FromSeconds(10));

        health.Record(A, UpstreamResponse.NotFound, TimeSpan.FromMilliseconds(5));

        var snapshot = health.Snapshot(A);
        Assert.Equal(UpstreamState.Healthy, snapshot.State);
        Assert.Equal(0, snapshot.ConsecutiveFailures);
        Assert.Null(snapshot.RetryAt);
        Assert.Equal(1, snapshot.Successes);
        Assert.Equal(1, snapshot.Failures);
    }

    [Fact]
    public void A_down_upstream_is_asked_last_and_only_when_nothing_else_is_left()
    {
        health.Record(A, Silent, TimeSpan.Zero);

        Assert.Equal([B, C], health.Order([A, B, C], forDatabases: true));
        Assert.Equal([A], health.Order([A], forDatabases: true));
    }

    [Fact]
    public void Past_its_backoff_a_failed_upstream_is_asked_after_the_healthy_ones_and_is_no_redirect_target()
    {
        health.Record(A, Silent, TimeSpan.Zero);
        time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal([B, A], health.Order([A, B], forDatabases: true));
        Assert.Equal(B, health.BestRedirectTarget([A, B]));
        health.Record(B, Silent, TimeSpan.Zero);
        Assert.Null(health.BestRedirectTarget([A, B]));
    }

    [Fact]
    public void A_slow_upstream_is_degraded_and_asked_after_the_fast_ones_but_still_a_redirect_target()
    {
        health.Record(A, Ok with { TimeToFirstByte = TimeSpan.FromSeconds(1.2) }, TimeSpan.FromSeconds(1.2));

        Assert.Equal(UpstreamState.Degraded, health.StateOf(A));
        Assert.Equal([B, A], health.Order([A, B], forDatabases: true));
        Assert.Equal(B, health.BestRedirectTarget([A, B]));
        Assert.Equal(A, health.BestRedirectTarget([A]));
    }

    [Fact]
    public void Throughput_is_measured_on_large_bodies_only()
    {
        health.Record(A, Ok, TimeSpan.FromSeconds(1));
        Assert.Null(health.Snapshot(A).BytesPerSecond);

        health.Record(A, Ok with { Length = 1_000_000, TimeToFirstByte = TimeSpan.Zero }, TimeSpan.FromSeconds(2));

        Assert.Equal(500_000, health.Snapshot(A).BytesPerSecond);
    }

    [Fact]
    public void A_stale_upstream_is_left_out_for_databases_until_the_longest_backoff_is_over()
    {
        health.MarkStale(A, "stale: core.db older than one seen");

        Assert.Equal([B], health.Order([A, B], forDatabases: true));
        Assert.Equal([B, A], health.Order([A, B], forDatabases: false));
        Assert.True(health.Snapshot(A).Stale);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([A, B], health.Order([A, B], forDatabases: true));
    }

    [Fact]
    public void An_upstream_is_handed_out_for_a_probe_once_per_backoff()
    {
        health.Record(A, Silent, TimeSpan.Zero);
        Assert.Empty(health.TakeDueForProbe([A, B]));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([A], health.TakeDueForProbe([A, B, A]));
        Assert.Empty(health.TakeDueForProbe([A, B]));

        health.Record(A, Silent, TimeSpan.Zero);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal([A], health.TakeDueForProbe([A, B]));
    }

    [Theory]
    [InlineData(5000, null, 1500)]
    [InlineData(1500, null, 500)]
    [InlineData(5000, 800, 800)]
    public void The_first_byte_timeout_defaults_to_1_5_s_or_a_third_of_a_shorter_hedge(int hedgeMs, int? configuredMs, int expectedMs)
    {
        var options = new MirrorOptions
        {
            HedgeAfter = TimeSpan.FromMilliseconds(hedgeMs),
            UpstreamFirstByteTimeout = configuredMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), options.FirstByteTimeout);
        Assert.True(new MirrorOptionsValidator().Validate(null, Valid(options)).Succeeded);
    }

    [Theory]
    [InlineData(5000, null, null, 250)]
    [InlineData(600, null, null, 50)]
    [InlineData(5000, null, 0, 0)]
    [InlineData(5000, 800, 400, 400)]
    public void Racing_starts_after_250_ms_or_a_quarter_of_a_shorter_first_byte_timeout(int hedgeMs, int? firstByteMs, int? raceMs, int expectedMs)
    {
        var options = new MirrorOptions
        {
            HedgeAfter = TimeSpan.FromMilliseconds(hedgeMs),
            UpstreamFirstByteTimeout = firstByteMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            UpstreamRaceAfter = raceMs is { } race ? TimeSpan.FromMilliseconds(race) : null,
        };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), options.RaceAfter);
        Assert.True(new MirrorOptionsValidator().Validate(null, Valid(options)).Succeeded);
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(-1)]
    public void A_race_delay_not_under_the_first_byte_timeout_is_refused(int raceMs)
    {
        var options = Valid(new MirrorOptions { UpstreamRaceAfter = TimeSpan.FromMilliseconds(raceMs) });

        var result = new MirrorOptionsValidator().Validate(null, options);

        Assert.Contains("Pactor:UpstreamRaceAfter must be 0 (no racing) or less than Pactor:UpstreamFirstByteTimeout", result.Failures ?? []);
    }

    private static MirrorOptions Valid(MirrorOptions options)
    {
        options.CacheDirectory = "/tmp/pactor-cache";
        return options;
    }

    [Fact]
    public void Failures_are_reported_for_metrics()
    {
        var failures = new List<string>();
        health.Failed += (upstream, reason) => failures.Add($"{upstream}: {reason}");

        health.Record(A, Silent, TimeSpan.Zero);
        health.Record(B, Ok, TimeSpan.Zero);

        Assert.Equal(["http://a.test/$repo/os/$arch: no answer for 1.5 s"], failures);
    }
}
