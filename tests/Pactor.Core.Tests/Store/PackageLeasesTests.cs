using Pactor.Core.Store;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Store;

public sealed class PackageLeasesTests
{
    private const string Name = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private readonly PackageLeases leases = new();

    [Fact]
    public async Task A_leased_package_cannot_be_claimed_for_eviction_until_every_lease_is_released()
    {
        var first = await leases.AcquireAsync(MirrorHarness.File(Name), CancellationToken.None);
        var second = await leases.AcquireAsync(MirrorHarness.File(Name), CancellationToken.None);

        Assert.False(leases.TryBeginEviction(MirrorHarness.File(Name)));
        first.Dispose();
        first.Dispose();
        Assert.False(leases.TryBeginEviction(MirrorHarness.File(Name)));
        second.Dispose();
        Assert.True(leases.TryBeginEviction(MirrorHarness.File(Name)));
        Assert.False(leases.TryBeginEviction(MirrorHarness.File(Name)));
    }

    [Fact]
    public async Task A_signature_request_holds_its_package()
    {
        using var lease = await leases.AcquireAsync(MirrorHarness.File(Name + ".sig"), CancellationToken.None);

        Assert.True(leases.IsLeased(MirrorHarness.File(Name)));
        Assert.False(leases.TryBeginEviction(MirrorHarness.File(Name)));
        Assert.True(leases.TryBeginEviction(MirrorHarness.File("other-1.0-1-x86_64.pkg.tar.zst")));
    }

    [Fact]
    public async Task A_lease_asked_for_during_an_eviction_is_granted_when_it_ends()
    {
        Assert.True(leases.TryBeginEviction(MirrorHarness.File(Name)));

        var waiting = leases.AcquireAsync(MirrorHarness.File(Name), CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        leases.EndEviction(MirrorHarness.File(Name));
        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(leases.IsLeased(MirrorHarness.File(Name)));
    }

    [Fact]
    public async Task A_request_that_gives_up_while_waiting_holds_nothing()
    {
        Assert.True(leases.TryBeginEviction(MirrorHarness.File(Name)));
        using var abort = new CancellationTokenSource();

        var waiting = leases.AcquireAsync(MirrorHarness.File(Name), abort.Token).AsTask();
        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        leases.EndEviction(MirrorHarness.File(Name));
        Assert.False(leases.IsLeased(MirrorHarness.File(Name)));
    }
}
