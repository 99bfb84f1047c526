using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

public sealed class PackageServiceTests : IDisposable
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private readonly MirrorHarness mirror = new();

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task A_download_completed_by_the_swarm_is_verified_and_served()
    {
        var content = await mirror.PublishAsync(Zlib, 100_000, seed: 1);
        await mirror.SyncDatabaseAsync();

        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);
        await WaitForLoadsAsync(1);
        mirror.Swarm.Complete(Zlib, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var result = Assert.IsType<MirrorResult.File>(await request);

        Assert.Equal("swarm", result.Source);
        Assert.Equal(content, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal(0, mirror.PackageGets(Zlib));
    }

    [Fact]
    public async Task A_verified_package_is_served_from_cache_without_the_swarm()
    {
        var content = await mirror.PublishAsync(Zlib, 50_000, seed: 2);
        await mirror.SyncDatabaseAsync();
        var first = mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);
        await WaitForLoadsAsync(1);
        mirror.Swarm.Complete(Zlib, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        await first;

        var second = Assert.IsType<MirrorResult.File>(await mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None));

        Assert.Equal("cache", second.Source);
        Assert.Equal(1, mirror.Swarm.Loads);
    }

    [Fact]
    public async Task Past_the_hedge_deadline_the_client_is_redirected_and_the_torrent_keeps_going()
    {
        var content = await mirror.PublishAsync(Zlib, 100_000, seed: 3);
        await mirror.SyncDatabaseAsync();

        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);
        await WaitForLoadsAsync(1);
        mirror.Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(request.IsCompleted);
        mirror.Time.Advance(TimeSpan.FromSeconds(0.2));
        var redirect = Assert.IsType<MirrorResult.Redirect>(await request);

        Assert.Equal(new Uri($"http://mirror.test/core/os/x86_64/{Zlib}"), redirect.Location);
        Assert.Contains("not done after 5 s", redirect.Reason, StringComparison.Ordinal);
        Assert.Empty(mirror.Swarm.Erased);
        Assert.Single(mirror.Coordinator.InFlight);

        mirror.Swarm.Complete(Zlib, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        await WaitUntilAsync(() => mirror.Coordinator.InFlight.Count == 0);
        var next = Assert.IsType<MirrorResult.File>(await mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None));
        Assert.Equal("cache", next.Source);
    }

    [Fact]
    public async Task Without_an_upstream_the_deadline_answers_unavailable()
    {
        using var bare = new MirrorHarness(withUpstream: false);
        await bare.PublishAsync(Zlib, 1000, seed: 4);
        // No upstream: the database is already in the cache.
        var path = bare.Layout.UpstreamCopyPath(MirrorHarness.File("core.db"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bare.DatabaseBytes());

        var request = bare.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);
        await WaitUntilAsync(() => bare.Swarm.Loads == 1);
        bare.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.IsType<MirrorResult.Unavailable>(await request);
    }

    [Fact]
    public async Task A_missing_torrent_falls_back_at_once()
    {
        await mirror.PublishAsync(Zlib, 1000, seed: 5);
        await mirror.SyncDatabaseAsync();
        mirror.Http.Remove($"http://seedbox.test/core/os/x86_64/{Zlib}.torrent");

        var result = await mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);

        var redirect = Assert.IsType<MirrorResult.Redirect>(result);
        Assert.Contains(".torrent", redirect.Reason, StringComparison.Ordinal);
        Assert.Equal(0, mirror.Swarm.Loads);
    }

    [Fact]
    public async Task A_torrent_that_does_not_match_the_database_is_refused_at_once()
    {
        await mirror.PublishAsync(Zlib, 1000, seed: 6);
        var other = await mirror.PublishAsync("other-1-1-any.pkg.tar.zst", 2000, seed: 7);
        await mirror.SyncDatabaseAsync();
        mirror.Http.Put($"http://seedbox.test/core/os/x86_64/{Zlib}.torrent", await TorrentOfAsync("other-1-1-any.pkg.tar.zst"));

        var result = await mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);

        Assert.IsType<MirrorResult.Redirect>(result);
        Assert.Equal(0, mirror.Swarm.Loads);
        Assert.NotEmpty(other);
    }

    [Fact]
    public async Task A_dead_torrent_client_falls_back_at_once()
    {
        await mirror.PublishAsync(Zlib, 1000, seed: 8);
        await mirror.SyncDatabaseAsync();
        mirror.Swarm.Unavailable = true;

        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);
        // Two short retries with backoff (100 ms, 200 ms, jittered) inside the 5 s deadline.
        for (var i = 0; i < 20 && !request.IsCompleted; i++)
        {
            mirror.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }

        var redirect = Assert.IsType<MirrorResult.Redirect>(await request);
        Assert.Contains("connection refused", redirect.Reason, StringComparison.Ordinal);
        Assert.True(mirror.Time.GetUtcNow() - new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero) < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_package_not_in_the_database_is_redirected_and_never_loaded()
    {
        await mirror.SyncDatabaseAsync();

        var result = await mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);

        Assert.IsType<MirrorResult.Redirect>(result);
        Assert.Equal(0, mirror.Swarm.Loads);
    }

    private async Task<byte[]> TorrentOfAsync(string fileName)
    {
        var url = $"http://seedbox.test/core/os/x86_64/{fileName}.torrent";
        using var buffer = new MemoryStream();
        await mirror.Http.GetAsync(new Uri(url), buffer, null, long.MaxValue, CancellationToken.None);
        return buffer.ToArray();
    }

    private Task WaitForLoadsAsync(int count) => WaitUntilAsync(() => mirror.Swarm.Loads >= count && mirror.Coordinator.InFlight.All(d => d.Hash is not null));

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached within 5 s");
    }
}
