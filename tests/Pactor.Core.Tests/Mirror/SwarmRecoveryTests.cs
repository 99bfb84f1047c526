using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

public sealed class SwarmRecoveryTests : IDisposable
{
    private readonly TempDirectory cache = new();

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task After_a_restart_nothing_is_downloaded_twice()
    {
        // Before the restart: one package verified, one still downloading.
        using var before = new MirrorHarness(cacheDirectory: cache.Path);
        var done = await before.PublishAsync("done-1-1-any.pkg.tar.zst", 5000, seed: 1);
        var pending = await before.PublishAsync("pending-1-1-any.pkg.tar.zst", 6000, seed: 2);
        await before.SyncDatabaseAsync();
        var first = before.Mirror.GetAsync(MirrorHarness.File("done-1-1-any.pkg.tar.zst"), CancellationToken.None);
        _ = before.Mirror.GetAsync(MirrorHarness.File("pending-1-1-any.pkg.tar.zst"), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => before.Swarm.Loads == 2 && before.Coordinator.InFlight.All(d => d.Hash is not null));
        before.Swarm.Complete("done-1-1-any.pkg.tar.zst", done);
        await before.Poller.PollOnceAsync(CancellationToken.None);
        await first;

        // After: a new process over the same cache and the same torrent client.
        using var after = new MirrorHarness(client: before.Swarm, cacheDirectory: cache.Path);
        var adopted = await after.Recovery.RecoverAsync(CancellationToken.None);
        var cached = await after.Mirror.GetAsync(MirrorHarness.File("done-1-1-any.pkg.tar.zst"), CancellationToken.None);
        var waiting = after.Mirror.GetAsync(MirrorHarness.File("pending-1-1-any.pkg.tar.zst"), CancellationToken.None);
        before.Swarm.Complete("pending-1-1-any.pkg.tar.zst", pending);
        await after.Poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, adopted);
        Assert.Equal("cache", Assert.IsType<MirrorResult.File>(cached).Source);
        Assert.Equal("swarm", Assert.IsType<MirrorResult.File>(await waiting).Source);
        Assert.Equal(2, before.Swarm.Loads);
    }

    [Fact]
    public async Task A_download_finished_while_pactor_was_down_is_verified_on_recovery()
    {
        using var before = new MirrorHarness(cacheDirectory: cache.Path);
        var content = await before.PublishAsync("late-1-1-any.pkg.tar.zst", 5000, seed: 3);
        var bad = await before.PublishAsync("bad-1-1-any.pkg.tar.zst", 5000, seed: 4);
        await before.SyncDatabaseAsync();
        _ = before.Mirror.GetAsync(MirrorHarness.File("late-1-1-any.pkg.tar.zst"), CancellationToken.None);
        _ = before.Mirror.GetAsync(MirrorHarness.File("bad-1-1-any.pkg.tar.zst"), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => before.Swarm.Loads == 2 && before.Coordinator.InFlight.All(d => d.Hash is not null));
        before.Swarm.Complete("late-1-1-any.pkg.tar.zst", content);
        before.Swarm.Complete("bad-1-1-any.pkg.tar.zst", new byte[bad.Length]);

        using var after = new MirrorHarness(client: before.Swarm, cacheDirectory: cache.Path);
        await after.Recovery.RecoverAsync(CancellationToken.None);

        Assert.Equal("cache", Assert.IsType<MirrorResult.File>(await after.Mirror.GetAsync(MirrorHarness.File("late-1-1-any.pkg.tar.zst"), CancellationToken.None)).Source);
        Assert.Single(before.Swarm.Erased);
        Assert.False(File.Exists(after.Layout.PackagePath(MirrorHarness.File("bad-1-1-any.pkg.tar.zst"))));
    }
}
