using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Tests.Mirror;

/// <summary>A database GET that the first upstream does not answer in time races the next one (<see cref="UpstreamRace"/>).</summary>
public sealed class DatabaseRaceTests : IDisposable
{
    private const string A = "http://a.test/$repo/os/$arch";
    private const string B = "http://b.test/$repo/os/$arch";
    private readonly MirrorHarness mirror = new(upstreams: [A, B]);
    private readonly TaskCompletionSource<bool> silentA = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DatabaseRaceTests()
    {
        mirror.Http.Put("http://a.test/core/os/x86_64/core.db", [1]);
        mirror.Http.Put("http://b.test/core/os/x86_64/core.db", [2]);
    }

    public void Dispose()
    {
        silentA.TrySetResult(false);
        mirror.Dispose();
    }

    /// <summary>A silent, the race delay passed: B's answer.</summary>
    private async Task<MirrorResult.File> RaceWithASilentAsync()
    {
        mirror.Http.SilentHosts["a.test"] = silentA;
        var request = mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => !mirror.Http.Requests.IsEmpty);
        mirror.Time.Advance(TimeSpan.FromMilliseconds(250));
        return Assert.IsType<MirrorResult.File>(await request);
    }

    [Fact]
    public async Task A_first_upstream_that_answers_in_time_is_the_only_one_asked()
    {
        var result = Assert.IsType<MirrorResult.File>(await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None));

        Assert.Equal([1], await File.ReadAllBytesAsync(result.Path));
        Assert.DoesNotContain(mirror.Http.Requests, r => r.Url.StartsWith("http://b.test/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_silent_first_upstream_is_raced_after_250_ms_and_the_second_answer_is_served()
    {
        mirror.Http.SilentHosts["a.test"] = silentA;

        var request = mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => !mirror.Http.Requests.IsEmpty);
        mirror.Time.Advance(TimeSpan.FromMilliseconds(249));
        await Task.Delay(50);
        Assert.Single(mirror.Http.Requests);
        mirror.Time.Advance(TimeSpan.FromMilliseconds(1));

        var result = Assert.IsType<MirrorResult.File>(await request);
        Assert.Equal("upstream", result.Source);
        Assert.Equal([2], await File.ReadAllBytesAsync(result.Path));
    }

    [Fact]
    public async Task The_loser_runs_on_until_it_fails_so_a_silent_upstream_is_skipped_next_time()
    {
        await RaceWithASilentAsync();
        Assert.Equal(UpstreamState.Degraded, mirror.Upstreams.Health.StateOf(MirrorUrlTemplate.Parse(A)));

        silentA.SetResult(false);

        await PackageServiceTests.WaitUntilAsync(() => mirror.Upstreams.Health.StateOf(MirrorUrlTemplate.Parse(A)) == UpstreamState.Down);
        Assert.Equal([B], mirror.Upstreams.MirrorsInOrder().Select(m => m.Text));
    }

    [Fact]
    public async Task While_the_loser_has_not_answered_the_next_request_asks_the_winner_first()
    {
        await RaceWithASilentAsync();

        Assert.Equal(UpstreamState.Degraded, mirror.Upstreams.Health.StateOf(MirrorUrlTemplate.Parse(A)));
        Assert.Equal([B], mirror.Upstreams.MirrorsInOrder().Select(m => m.Text));
        Assert.Equal([B], mirror.Upstreams.Health.Order([MirrorUrlTemplate.Parse(A), MirrorUrlTemplate.Parse(B)], forDatabases: false).Select(m => m.Text));
        var again = Assert.IsType<MirrorResult.File>(await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None));
        Assert.Equal([2], await File.ReadAllBytesAsync(again.Path));
        Assert.Single(mirror.Http.Requests, r => r.Url.StartsWith("http://a.test/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_the_loser_sends_after_the_winner_answered_is_not_kept()
    {
        var result = await RaceWithASilentAsync();
        Assert.Single(Directory.GetFiles(mirror.Layout.TempDirectory));

        silentA.SetResult(true);

        await PackageServiceTests.WaitUntilAsync(() => Directory.GetFiles(mirror.Layout.TempDirectory).Length == 0);
        Assert.Equal([2], await File.ReadAllBytesAsync(result.Path));
    }

    [Fact]
    public async Task With_racing_off_the_second_upstream_is_asked_only_after_the_first_failed()
    {
        mirror.Options.Value.UpstreamRaceAfter = TimeSpan.Zero;
        mirror.Http.SilentHosts["a.test"] = silentA;
        var request = mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => !mirror.Http.Requests.IsEmpty);
        mirror.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Single(mirror.Http.Requests);

        silentA.SetResult(false);

        var result = Assert.IsType<MirrorResult.File>(await request);
        Assert.Equal([2], await File.ReadAllBytesAsync(result.Path));
    }

    [Fact]
    public async Task When_both_fail_the_cached_copy_is_served()
    {
        await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        mirror.Time.Advance(TimeSpan.FromMinutes(1));
        mirror.Http.SilentHosts["a.test"] = silentA;
        mirror.Http.FailingHosts.Add("b.test");

        var request = mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Http.Requests.Count == 2);
        mirror.Time.Advance(TimeSpan.FromMilliseconds(250));
        await PackageServiceTests.WaitUntilAsync(() => mirror.Http.Requests.Any(r => r.Url.StartsWith("http://b.test/", StringComparison.Ordinal)));
        silentA.SetResult(false);

        var result = Assert.IsType<MirrorResult.File>(await request);
        Assert.Equal("cache", result.Source);
        Assert.Equal([1], await File.ReadAllBytesAsync(result.Path));
    }
}
