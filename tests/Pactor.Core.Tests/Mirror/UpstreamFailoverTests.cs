using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Tests.Mirror;

/// <summary>
/// Two mirrors, the first sick: databases come from the second inside the deadline, nothing of the sick one is cached,
/// pacman is never sent to it, and with none healthy pactor answers from its cache or with a 504.
/// </summary>
public sealed class UpstreamFailoverTests : IDisposable
{
    private const string A = "http://a.test/$repo/os/$arch";
    private const string B = "http://b.test/$repo/os/$arch";
    private const string DbA = "http://a.test/core/os/x86_64/core.db";
    private const string DbB = "http://b.test/core/os/x86_64/core.db";
    private static readonly DateTimeOffset Older = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Newer = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private readonly MirrorHarness mirror = new(upstreams: [A, B]);

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task A_failing_first_mirror_is_asked_once_then_skipped_and_the_database_comes_from_the_second()
    {
        mirror.Http.Put(DbA, [1]);
        mirror.Http.Put(DbB, [2], Newer);
        mirror.Http.ResettingHosts.Add("a.test");

        var first = Assert.IsType<MirrorResult.File>(await GetAsync("core.db"));
        var second = Assert.IsType<MirrorResult.File>(await GetAsync("core.db"));

        Assert.Equal("upstream", first.Source);
        Assert.Equal("cache", second.Source);
        Assert.Equal([2], await File.ReadAllBytesAsync(second.Path));
        // Once, with no retry: the second mirror is the retry. The next request does not ask the first again.
        Assert.Equal([DbA, DbB, DbB], mirror.Http.Requests.Select(r => r.Url));
        Assert.Equal(UpstreamState.Down, mirror.Health.StateOf(MirrorUrlTemplate.Parse(A)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(mirror.Layout.TempDirectory));
    }

    [Fact]
    public async Task A_mirror_serving_an_older_database_than_one_seen_is_stale_and_its_copy_is_not_cached()
    {
        mirror.Http.Put(DbA, [1], Newer);
        mirror.Http.Put(DbB, [2], Older);
        mirror.Http.IgnoringIfModifiedSince.Add("b.test");
        await GetAsync("core.db");
        mirror.Http.ResettingHosts.Add("a.test");
        mirror.Time.Advance(TimeSpan.FromSeconds(11));

        var result = Assert.IsType<MirrorResult.File>(await GetAsync("core.db"));

        Assert.Equal("cache", result.Source);
        Assert.Equal([1], await File.ReadAllBytesAsync(result.Path));
        var b = mirror.Health.Snapshot(MirrorUrlTemplate.Parse(B));
        Assert.True(b.Stale);
        Assert.Equal(UpstreamState.Degraded, b.State);
        Assert.Contains("stale", b.Why, StringComparison.Ordinal);
        mirror.Http.ResettingHosts.Clear();
        mirror.Time.Advance(TimeSpan.FromMinutes(1));
        var before = mirror.Http.Requests.Count(r => r.Url == DbB);
        await GetAsync("core.db.sig");
        Assert.Equal(before, mirror.Http.Requests.Count(r => r.Url == DbB));
        Assert.DoesNotContain(mirror.Http.Requests, r => r.Url == DbB + ".sig");
    }

    [Fact]
    public async Task A_package_pactor_cannot_serve_is_redirected_to_the_healthy_mirror_not_the_first()
    {
        mirror.Http.Put(DbB, [2]);
        mirror.Http.ResettingHosts.Add("a.test");
        await GetAsync("core.db");

        var redirect = Assert.IsType<MirrorResult.Redirect>(await GetAsync("zlib-1-1-any.pkg.tar.zst"));

        Assert.Equal(new Uri("http://b.test/core/os/x86_64/zlib-1-1-any.pkg.tar.zst"), redirect.Location);
        Assert.Equal(FallbackReason.NotInDatabase, redirect.Cause);
    }

    [Fact]
    public async Task With_no_healthy_mirror_a_package_is_a_504_and_a_cached_database_is_served()
    {
        mirror.Http.Put(DbA, [1]);
        await GetAsync("core.db");
        // Definite failures: the last mirror's retries would wait on the fake clock.
        mirror.Http.FailingHosts.UnionWith(["a.test", "b.test"]);
        mirror.Time.Advance(TimeSpan.FromMinutes(1));

        var database = Assert.IsType<MirrorResult.File>(await GetAsync("core.db"));
        var package = Assert.IsType<MirrorResult.Unavailable>(await GetAsync("zlib-1-1-any.pkg.tar.zst"));

        Assert.Equal("cache", database.Source);
        Assert.Equal([1], await File.ReadAllBytesAsync(database.Path));
        Assert.Contains("no healthy upstream", package.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_not_done_by_the_hedge_deadline_serves_the_cached_copy()
    {
        mirror.Http.Put(DbA, [1], Older);
        await GetAsync("core.db");
        mirror.Http.Put(DbA, [3], Newer);
        mirror.Http.Gate = new TaskCompletionSource();

        var request = GetAsync("core.db");
        await PackageServiceTests.WaitUntilAsync(() => mirror.Http.Requests.Count == 2);
        mirror.Time.Advance(mirror.Options.Value.HedgeAfter);

        var result = Assert.IsType<MirrorResult.File>(await request);
        Assert.Equal("cache", result.Source);
        mirror.Http.Gate.SetResult();
    }

    [Fact]
    public async Task A_recovered_mirror_is_probed_with_the_last_database_and_healthy_again()
    {
        mirror.Http.Put(DbA, [1], Older);
        mirror.Http.Put(DbB, [1], Older);
        mirror.Http.ResettingHosts.Add("a.test");
        await GetAsync("core.db");
        var prober = new UpstreamProber(mirror.Http, mirror.Upstreams, mirror.Copies, mirror.Options);
        Assert.Equal(0, await prober.ProbeDueAsync(CancellationToken.None));

        mirror.Http.ResettingHosts.Clear();
        mirror.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await prober.ProbeDueAsync(CancellationToken.None));

        Assert.Equal(UpstreamState.Healthy, mirror.Health.StateOf(MirrorUrlTemplate.Parse(A)));
        Assert.Equal((DbA, (DateTimeOffset?)Older), mirror.Http.Requests.Last());
    }

    private Task<MirrorResult> GetAsync(string name) => mirror.Mirror.GetAsync(MirrorHarness.File(name), CancellationToken.None);
}
