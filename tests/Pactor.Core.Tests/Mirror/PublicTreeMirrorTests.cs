using Pactor.Core.Mirror;
using Pactor.Core.Swarm;
using Pactor.Core.Tests.Store;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

/// <summary>
/// The public tree as the mirror keeps it: a new repo database withdraws what it outdates, a restart puts the tree
/// right whatever the torrent client does, and a cache hit brings back a lost link.
/// </summary>
public sealed class PublicTreeMirrorTests : IDisposable
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private const string Curl = "curl-8.0-1-x86_64.pkg.tar.zst";
    private readonly TempDirectory cache = new();

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task A_package_downloaded_through_the_swarm_is_linked()
    {
        using var harness = new MirrorHarness();
        var mirror = new CachedMirror(harness);
        await mirror.PublishAsync(Zlib);

        await mirror.DownloadAsync(Zlib);

        Assert.True(harness.Store.Public.IsPublished(MirrorHarness.File(Zlib)));
        Assert.Equal(mirror.ContentOf(Zlib), await File.ReadAllBytesAsync(harness.Layout.PublicPath(MirrorHarness.File(Zlib))));
    }

    [Fact]
    public async Task A_new_database_with_another_checksum_for_a_cached_package_withdraws_its_link()
    {
        using var harness = new MirrorHarness();
        var mirror = new CachedMirror(harness);
        await mirror.PublishAsync(Zlib, Curl);
        await mirror.DownloadAsync(Zlib);
        await mirror.DownloadAsync(Curl);
        var rebuilt = new byte[CachedMirror.Size];
        new Random(99).NextBytes(rebuilt);
        var database = new RepoDatabaseBuilder()
            .Add(RepoDatabaseBuilder.EntryFor(Zlib, rebuilt))
            .Add(RepoDatabaseBuilder.EntryFor(Curl, mirror.ContentOf(Curl)));
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        harness.Http.Put("http://mirror.test/core/os/x86_64/core.db", database.BuildGzip(), harness.Time.GetUtcNow());

        var answer = Assert.IsType<MirrorResult.File>(await harness.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None));

        Assert.Equal("upstream", answer.Source);
        Assert.False(harness.Store.Public.IsPublished(MirrorHarness.File(Zlib)));
        Assert.True(harness.Store.Public.IsPublished(MirrorHarness.File(Curl)));
        // Withdrawn from the tree only: the bytes are the evictor's to remove.
        Assert.True(File.Exists(harness.Layout.PackagePath(MirrorHarness.File(Zlib))));
    }

    [Fact]
    public async Task A_new_database_that_drops_a_cached_package_withdraws_its_link()
    {
        using var harness = new MirrorHarness();
        var mirror = new CachedMirror(harness);
        await mirror.PublishAsync(Zlib);
        await mirror.DownloadAsync(Zlib);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        harness.Http.Put("http://mirror.test/core/os/x86_64/core.db", new RepoDatabaseBuilder().BuildGzip(), harness.Time.GetUtcNow());

        Assert.IsType<MirrorResult.File>(await harness.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None));

        Assert.False(harness.Store.Public.IsPublished(MirrorHarness.File(Zlib)));
    }

    [Fact]
    public async Task Recovery_relinks_a_lost_link_and_removes_a_stale_one_even_when_the_torrent_client_is_down()
    {
        using (var before = new MirrorHarness(cacheDirectory: cache.Path))
        {
            var mirror = new CachedMirror(before);
            await mirror.PublishAsync(Zlib, Curl);
            await mirror.DownloadAsync(Zlib);
            await mirror.DownloadAsync(Curl);

            // A crash between the two steps of a removal, and a link lost: the tree is wrong both ways.
            File.Delete(before.Layout.PublicPath(MirrorHarness.File(Zlib)));
            File.Delete(before.Layout.MarkerPath(MirrorHarness.File(Curl)));
            Assert.True(before.Store.Public.IsPublished(MirrorHarness.File(Curl)));
        }

        using var after = new MirrorHarness(cacheDirectory: cache.Path);
        after.Swarm.Unavailable = true;

        await Assert.ThrowsAsync<TorrentClientException>(() => after.Recovery.RecoverAsync(CancellationToken.None));

        Assert.True(after.Store.Public.IsPublished(MirrorHarness.File(Zlib)));
        Assert.False(after.Store.Public.IsPublished(MirrorHarness.File(Curl)));
        Assert.False(File.Exists(after.Layout.PublicPath(MirrorHarness.File(Curl))));
    }

    [Fact]
    public async Task A_cache_hit_brings_back_a_lost_link()
    {
        using var harness = new MirrorHarness();
        var mirror = new CachedMirror(harness);
        await mirror.PublishAsync(Zlib);
        await mirror.DownloadAsync(Zlib);
        harness.Store.Public.Withdraw(MirrorHarness.File(Zlib));

        await mirror.RequestAsync(Zlib);

        Assert.True(harness.Store.Public.IsPublished(MirrorHarness.File(Zlib)));
        Assert.Equal(mirror.ContentOf(Zlib), await File.ReadAllBytesAsync(harness.Layout.PublicPath(MirrorHarness.File(Zlib))));
    }
}
