using Moq;
using Pactor.Core.Store;
using Pactor.Core.Swarm;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Store;

public sealed class CacheEvictorTests : IDisposable
{
    private const int Size = CachedMirror.Size;
    private const string A = "aaa-1.0-1-x86_64.pkg.tar.zst";
    private const string B = "bbb-1.0-1-x86_64.pkg.tar.zst";
    private const string C = "ccc-1.0-1-x86_64.pkg.tar.zst";
    private const string Orphan = "old-1.0-1-x86_64.pkg.tar.zst";
    private static readonly TimeSpan Minutes2 = TimeSpan.FromMinutes(2);
    private readonly MirrorHarness mirror = new();
    private readonly CachedMirror cache;

    public CacheEvictorTests() => cache = new CachedMirror(mirror);

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task Over_the_size_limit_the_least_recently_requested_package_goes_first()
    {
        await cache.PublishAsync(A, B, C);
        await cache.DownloadAsync(A);
        mirror.Time.Advance(Minutes2);
        await cache.DownloadAsync(B);
        mirror.Time.Advance(Minutes2);
        await cache.DownloadAsync(C);
        mirror.Time.Advance(Minutes2);
        await cache.RequestAsync(A);
        mirror.Options.Value.CacheMaxSize = 2 * Size;

        var evicted = await mirror.Evictor.EvictAsync(CancellationToken.None);

        Assert.Equal(1, evicted);
        Assert.Equal([A, C], cache.Cached());
        Assert.False(cache.AnyFileLeft(B));
    }

    [Fact]
    public async Task Packages_no_longer_in_the_repo_database_go_before_older_ones_that_are()
    {
        await cache.PublishAsync(A, B);
        await cache.DownloadAsync(A);
        mirror.Time.Advance(Minutes2);
        await cache.DownloadAsync(B);
        mirror.Time.Advance(Minutes2);
        await cache.PlaceOrphanAsync(Orphan, requested: mirror.Time.GetUtcNow());
        mirror.Options.Value.CacheMaxSize = 2 * Size;

        var evicted = await mirror.Evictor.EvictAsync(CancellationToken.None);

        Assert.Equal(1, evicted);
        Assert.Equal([A, B], cache.Cached());
        Assert.False(cache.AnyFileLeft(Orphan));
    }

    [Fact]
    public async Task Packages_not_requested_within_the_max_age_go_and_a_request_counts_not_the_download()
    {
        await cache.PublishAsync(A, B);
        await cache.DownloadAsync(A);
        await cache.DownloadAsync(B);
        mirror.Time.Advance(TimeSpan.FromHours(20));
        await cache.RequestAsync(A);
        mirror.Time.Advance(TimeSpan.FromHours(10));
        mirror.Options.Value.CacheMaxAge = TimeSpan.FromDays(1);

        var evicted = await mirror.Evictor.EvictAsync(CancellationToken.None);

        Assert.Equal(1, evicted);
        Assert.Equal([A], cache.Cached());
    }

    [Fact]
    public async Task Within_the_limits_nothing_is_evicted()
    {
        await cache.PublishAsync(A, B);
        await cache.DownloadAsync(A);
        await cache.DownloadAsync(B);
        mirror.Options.Value.CacheMaxSize = 2 * Size;
        mirror.Options.Value.CacheMaxAge = TimeSpan.FromHours(1);
        mirror.Time.Advance(TimeSpan.FromMinutes(59));

        Assert.Equal(0, await mirror.Evictor.EvictAsync(CancellationToken.None));
        Assert.Equal([A, B], cache.Cached());
    }

    [Fact]
    public async Task A_package_being_served_is_never_deleted_and_goes_once_the_response_is_over()
    {
        await cache.PublishAsync(A, B);
        await cache.DownloadAsync(A);
        mirror.Time.Advance(Minutes2);
        await cache.DownloadAsync(B);
        var streaming = await cache.HitAsync(A);
        mirror.Options.Value.CacheMaxSize = 1;

        var whileServed = await mirror.Evictor.EvictAsync(CancellationToken.None);

        Assert.Equal(1, whileServed);
        Assert.Equal([A], cache.Cached());
        Assert.Equal(cache.ContentOf(A), await File.ReadAllBytesAsync(streaming.Path));

        streaming.Lease!.Dispose();
        Assert.Equal(1, await mirror.Evictor.EvictAsync(CancellationToken.None));
        Assert.Empty(cache.Cached());
        Assert.False(cache.AnyFileLeft(A));
    }

    [Fact]
    public async Task A_request_during_an_eviction_waits_for_it_then_fetches_the_package_again()
    {
        await cache.PublishAsync(A);
        await cache.DownloadAsync(A);
        var file = MirrorHarness.File(A);
        Assert.True(mirror.Store.Leases.TryBeginEviction(file));

        var request = mirror.Mirror.GetAsync(file, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(request.IsCompleted);
        Assert.False(mirror.Store.Leases.IsLeased(file));
        mirror.Store.Remove(file);
        mirror.Store.Leases.EndEviction(file);

        await CachedMirror.WaitUntilAsync(() => mirror.Swarm.Loads == 2 && mirror.Coordinator.InFlight.All(d => d.Hash is not null));
        mirror.Swarm.Complete(A, cache.ContentOf(A));
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var served = Assert.IsType<Pactor.Core.Mirror.MirrorResult.File>(await request);
        Assert.Equal("swarm", served.Source);
        served.Lease!.Dispose();
    }

    [Fact]
    public async Task A_package_downloading_again_is_never_deleted()
    {
        await cache.PublishAsync(A);
        await cache.DownloadAsync(A);
        var entry = mirror.Databases.Find(MirrorHarness.File(A))!;
        // After a restart, the torrent client still downloads a copy of it (adopted by recovery).
        mirror.Coordinator.Adopt(MirrorHarness.File(A), entry, mirror.Swarm.HashOf(A));
        mirror.Options.Value.CacheMaxSize = 1;

        Assert.Equal(0, await mirror.Evictor.EvictAsync(CancellationToken.None));
        Assert.Equal([A], cache.Cached());
        Assert.Empty(mirror.Swarm.Erased);
    }

    [Fact]
    public async Task A_download_in_progress_or_awaiting_verification_is_left_alone_and_then_served()
    {
        await cache.PublishAsync(A);
        mirror.Options.Value.CacheMaxSize = 1;
        var request = mirror.Mirror.GetAsync(MirrorHarness.File(A), CancellationToken.None);
        await CachedMirror.WaitUntilAsync(() => mirror.Swarm.Loads == 1 && mirror.Coordinator.InFlight.All(d => d.Hash is not null));
        mirror.Swarm.Complete(A, cache.ContentOf(A));

        Assert.Equal(0, await mirror.Evictor.EvictAsync(CancellationToken.None));
        await mirror.Poller.PollOnceAsync(CancellationToken.None);

        var served = Assert.IsType<Pactor.Core.Mirror.MirrorResult.File>(await request);
        Assert.Equal(cache.ContentOf(A), await File.ReadAllBytesAsync(served.Path));
        Assert.Empty(mirror.Swarm.Erased);
        served.Lease!.Dispose();
    }

    [Fact]
    public async Task Verification_waits_while_its_package_is_being_evicted()
    {
        await cache.PublishAsync(A);
        await cache.DownloadAsync(A);
        var file = MirrorHarness.File(A);
        var entry = mirror.Databases.Find(file)!;
        Assert.True(mirror.Store.Leases.TryBeginEviction(file));

        var verify = mirror.Store.VerifyAsync(file, entry, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(verify.IsCompleted);
        mirror.Store.Leases.EndEviction(file);

        Assert.True((await verify).IsValid);
    }

    [Fact]
    public async Task An_evicted_download_is_erased_from_the_torrent_client_with_its_data_and_its_signature_copy_goes_too()
    {
        await cache.PublishAsync(A);
        await cache.DownloadAsync(A);
        var hash = mirror.Swarm.HashOf(A);
        var signature = mirror.Layout.UpstreamCopyPath(CachedMirror.SignatureOf(A));
        Directory.CreateDirectory(Path.GetDirectoryName(signature)!);
        await File.WriteAllBytesAsync(signature, [1, 2, 3]);
        mirror.Options.Value.CacheMaxSize = 1;

        Assert.Equal(1, await mirror.Evictor.EvictAsync(CancellationToken.None));

        Assert.Equal([hash], mirror.Swarm.Erased);
        Assert.False(cache.AnyFileLeft(A));
        Assert.False(File.Exists(signature));
    }

    [Fact]
    public async Task The_torrent_client_is_asked_to_delete_the_data_and_only_for_its_own_downloads()
    {
        var client = new Mock<ITorrentClient>(MockBehavior.Strict);
        using var harness = new MirrorHarness(client.Object);
        var cache = new CachedMirror(harness);
        await cache.PlaceOrphanAsync(A, harness.Time.GetUtcNow());
        await cache.PlaceOrphanAsync(B, harness.Time.GetUtcNow());
        var path = harness.Layout.PackagePath(MirrorHarness.File(A));
        client.Setup(c => c.ListAsync("pactor", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new TorrentProgress("HASHA", A, true, Size, Size, 0, 0, 0, path, null)]);
        client.Setup(c => c.EraseAsync("HASHA", true, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        harness.Options.Value.CacheMaxSize = 1;

        Assert.Equal(2, await harness.Evictor.EvictAsync(CancellationToken.None));

        client.Verify(c => c.EraseAsync("HASHA", true, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(cache.Cached());
    }

    [Fact]
    public async Task When_the_torrent_client_fails_nothing_is_deleted()
    {
        var client = new Mock<ITorrentClient>(MockBehavior.Strict);
        using var harness = new MirrorHarness(client.Object);
        var cache = new CachedMirror(harness);
        await cache.PlaceOrphanAsync(A, harness.Time.GetUtcNow());
        var path = harness.Layout.PackagePath(MirrorHarness.File(A));
        client.SetupSequence(c => c.ListAsync("pactor", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TorrentClientException("cannot reach rtorrent", isUnavailable: true))
            .ReturnsAsync([new TorrentProgress("HASHA", A, true, Size, Size, 0, 0, 0, path, null)]);
        client.Setup(c => c.EraseAsync("HASHA", true, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TorrentClientException("fault", isUnavailable: false));
        harness.Options.Value.CacheMaxSize = 1;

        Assert.Equal(0, await harness.Evictor.EvictAsync(CancellationToken.None));
        Assert.Equal(0, await harness.Evictor.EvictAsync(CancellationToken.None));

        Assert.Equal([A], cache.Cached());
        client.Verify(c => c.EraseAsync("HASHA", true, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_last_request_survives_a_restart()
    {
        await cache.PublishAsync(A, B);
        await cache.DownloadAsync(A);
        mirror.Time.Advance(Minutes2);
        await cache.DownloadAsync(B);
        mirror.Time.Advance(Minutes2);
        await cache.RequestAsync(A);

        using var restarted = new MirrorHarness(cacheDirectory: mirror.Layout.Root);
        restarted.Options.Value.CacheMaxSize = Size;
        var evicted = await restarted.Evictor.EvictAsync(CancellationToken.None);

        Assert.Equal(1, evicted);
        Assert.Equal([A], new CachedMirror(restarted).Cached());
    }

    [Fact]
    public async Task Cache_hits_write_the_request_time_at_most_once_a_minute()
    {
        await cache.PublishAsync(A);
        await cache.DownloadAsync(A);
        mirror.Time.Advance(TimeSpan.FromMinutes(5));
        var first = mirror.Time.GetUtcNow().UtcDateTime;

        await cache.RequestAsync(A);
        Assert.Equal(first, cache.MarkerTime(A));
        mirror.Time.Advance(TimeSpan.FromSeconds(30));
        await cache.RequestAsync(A);
        Assert.Equal(first, cache.MarkerTime(A));
        mirror.Time.Advance(TimeSpan.FromSeconds(31));
        await cache.RequestAsync(A);
        Assert.Equal(mirror.Time.GetUtcNow().UtcDateTime, cache.MarkerTime(A));
    }

    [Fact]
    public async Task Statistics_report_the_cache_the_limits_and_the_evictions()
    {
        await cache.PublishAsync(A, B, C);
        await cache.DownloadAsync(A);
        await cache.DownloadAsync(B);
        await cache.DownloadAsync(C);
        await mirror.Evictor.EvictAsync(CancellationToken.None);
        Assert.Equal(new CacheSnapshot(3 * Size, 3, 0, 0, null, null), mirror.Statistics.Snapshot());

        mirror.Options.Value.CacheMaxSize = 2 * Size;
        mirror.Options.Value.CacheMaxAge = TimeSpan.FromDays(30);
        await mirror.Evictor.EvictAsync(CancellationToken.None);

        Assert.Equal(new CacheSnapshot(2 * Size, 2, 1, Size, 2 * Size, TimeSpan.FromDays(30)), mirror.Statistics.Snapshot());
    }
}
