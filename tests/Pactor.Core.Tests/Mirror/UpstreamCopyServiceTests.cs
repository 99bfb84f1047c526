using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

public sealed class UpstreamCopyServiceTests : IDisposable
{
    private const string Db = "http://mirror.test/core/os/x86_64/core.db";
    private readonly MirrorHarness mirror = new();

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task A_database_is_fetched_cached_and_revalidated_with_If_Modified_Since()
    {
        var lastModified = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        mirror.Http.Put(Db, [1, 2, 3], lastModified);

        var first = Assert.IsType<MirrorResult.File>(await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None));
        var second = Assert.IsType<MirrorResult.File>(await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None));

        Assert.Equal("upstream", first.Source);
        Assert.Equal("cache", second.Source);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(second.Path));
        Assert.Equal(lastModified.UtcDateTime, File.GetLastWriteTimeUtc(second.Path));
        Assert.Equal([null, lastModified], mirror.Http.Requests.Select(r => r.IfModifiedSince));
    }

    [Fact]
    public async Task A_new_database_replaces_the_cached_one_and_reloads_the_package_index()
    {
        await mirror.SyncDatabaseAsync();
        Assert.Null(mirror.Databases.Find(MirrorHarness.File("zlib-1-1-any.pkg.tar.zst")));
        await mirror.PublishAsync("zlib-1-1-any.pkg.tar.zst", 100, seed: 1);
        mirror.Time.Advance(TimeSpan.FromMinutes(1));

        await mirror.SyncDatabaseAsync();

        Assert.NotNull(mirror.Databases.Find(MirrorHarness.File("zlib-1-1-any.pkg.tar.zst")));
    }

    [Fact]
    public async Task When_every_upstream_fails_the_cached_copy_is_served()
    {
        mirror.Http.Put(Db, [9]);
        await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        mirror.Http.FailingHosts.Add("mirror.test");

        var result = Assert.IsType<MirrorResult.File>(await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None));

        Assert.Equal("cache", result.Source);
    }

    [Fact]
    public async Task Without_a_cached_copy_a_failing_upstream_is_unavailable()
    {
        mirror.Http.FailingHosts.Add("mirror.test");

        Assert.IsType<MirrorResult.Unavailable>(await mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_signature_is_a_404()
    {
        Assert.IsType<MirrorResult.NotFound>(await mirror.Mirror.GetAsync(MirrorHarness.File("core.db.sig"), CancellationToken.None));
    }

    [Fact]
    public async Task A_slow_upstream_is_hedged_with_a_redirect()
    {
        mirror.Http.Put(Db, [1]);
        mirror.Http.Gate = new TaskCompletionSource();

        var request = mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => !mirror.Http.Requests.IsEmpty);
        mirror.Time.Advance(TimeSpan.FromSeconds(5));

        var redirect = Assert.IsType<MirrorResult.Redirect>(await request);
        Assert.Equal(new Uri(Db), redirect.Location);
        mirror.Http.Gate.SetResult();
    }

    [Fact]
    public async Task Concurrent_requests_share_one_upstream_fetch()
    {
        mirror.Http.Put(Db, [1]);
        mirror.Http.Gate = new TaskCompletionSource();

        var requests = Enumerable.Range(0, 10).Select(_ => mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None)).ToList();
        await PackageServiceTests.WaitUntilAsync(() => !mirror.Http.Requests.IsEmpty);
        mirror.Http.Gate.SetResult();
        await Task.WhenAll(requests);

        Assert.Single(mirror.Http.Requests);
    }
}
