using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

public sealed class VerificationTests : IDisposable
{
    private const string Name = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private readonly MirrorHarness mirror = new();

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task Tampered_bytes_from_the_swarm_are_erased_never_served_and_the_request_falls_back()
    {
        var content = await mirror.PublishAsync(Name, 30_000, seed: 1);
        await mirror.SyncDatabaseAsync();
        var tampered = (byte[])content.Clone();
        tampered[12_345] ^= 0xff;

        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Swarm.Loads == 1 && mirror.Coordinator.InFlight.All(d => d.Hash is not null));
        var hash = mirror.Swarm.HashOf(Name);
        mirror.Swarm.Complete(Name, tampered);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var result = await request;

        var redirect = Assert.IsType<MirrorResult.Redirect>(result);
        Assert.Contains("SHA-256", redirect.Reason, StringComparison.Ordinal);
        Assert.Equal([hash], mirror.Swarm.Erased);
        Assert.False(File.Exists(mirror.Layout.PackagePath(MirrorHarness.File(Name))));
        Assert.IsType<MirrorResult.Redirect>(await mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None));
        Assert.Equal(1, mirror.Swarm.Loads);
    }

    [Fact]
    public async Task A_cached_file_changed_on_disk_is_no_longer_trusted()
    {
        var content = await mirror.PublishAsync(Name, 30_000, seed: 2);
        await mirror.SyncDatabaseAsync();
        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Swarm.Loads == 1 && mirror.Coordinator.InFlight.All(d => d.Hash is not null));
        mirror.Swarm.Complete(Name, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var served = Assert.IsType<MirrorResult.File>(await request);

        await File.WriteAllBytesAsync(served.Path, new byte[content.Length]);
        File.SetLastWriteTimeUtc(served.Path, DateTime.UtcNow.AddMinutes(1));

        Assert.Null(mirror.Store.FindVerified(MirrorHarness.File(Name), mirror.Databases.Find(MirrorHarness.File(Name))!));
    }
}
