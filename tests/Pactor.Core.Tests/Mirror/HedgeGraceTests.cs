using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

/// <summary>At the hedge deadline a download about to finish is waited for a little longer (<see cref="HedgeGrace"/>).</summary>
public sealed class HedgeGraceTests : IDisposable
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private readonly MirrorHarness mirror = new();
    private byte[] content = [];

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task A_download_whose_rate_says_done_before_8_s_is_waited_for_and_served_from_the_swarm()
    {
        var request = await HalfDeliveredAsync(bytesPerSecond: 50_000);

        mirror.Time.Advance(TimeSpan.FromSeconds(5.1));
        await Task.Delay(100);
        Assert.False(request.IsCompleted);
        mirror.Swarm.Complete(Zlib, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);

        var result = Assert.IsType<MirrorResult.File>(await request.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("swarm", result.Source);
        Assert.Equal(0, mirror.PackageGets(Zlib));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    public async Task A_download_without_a_rate_to_be_done_by_8_s_falls_back_at_the_hedge(long bytesPerSecond)
    {
        var request = await HalfDeliveredAsync(bytesPerSecond);

        mirror.Time.Advance(TimeSpan.FromSeconds(5.1));

        var redirect = Assert.IsType<MirrorResult.Redirect>(await request.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("swarm not done after 5 s", redirect.Reason);
    }

    [Fact]
    public async Task A_download_whose_rate_drops_falls_back_at_the_next_look()
    {
        var request = await HalfDeliveredAsync(bytesPerSecond: 50_000);
        mirror.Time.Advance(TimeSpan.FromSeconds(5.1));
        await Task.Delay(100);
        Assert.False(request.IsCompleted);

        mirror.Swarm.SetRate(Zlib, 0);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        mirror.Time.Advance(TimeSpan.FromMilliseconds(100));

        var redirect = Assert.IsType<MirrorResult.Redirect>(await request.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("swarm not done after 5.2 s (a grace past the hedge ran out)", redirect.Reason);
    }

    [Fact]
    public async Task However_fast_the_rate_the_request_falls_back_by_8_s()
    {
        var request = await HalfDeliveredAsync(bytesPerSecond: 10_000_000);
        mirror.Time.Advance(TimeSpan.FromSeconds(5.1));

        // To 7.1 s: the rate says done within the grace at every look.
        for (var step = 0; step < 20; step++)
        {
            mirror.Time.Advance(TimeSpan.FromSeconds(0.1));
            await Task.Delay(5);
        }

        Assert.False(request.IsCompleted);
        mirror.Time.Advance(TimeSpan.FromSeconds(0.9));
        var redirect = Assert.IsType<MirrorResult.Redirect>(await request.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("not done after", redirect.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_grace_the_hedge_is_the_limit()
    {
        mirror.Options.Value.HedgeGrace = TimeSpan.Zero;
        var request = await HalfDeliveredAsync(bytesPerSecond: 10_000_000);

        mirror.Time.Advance(TimeSpan.FromSeconds(5.1));

        Assert.IsType<MirrorResult.Redirect>(await request.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    // The request waits on a download that holds half the file and reports bytesPerSecond.
    private async Task<Task<MirrorResult>> HalfDeliveredAsync(long bytesPerSecond)
    {
        content = await mirror.PublishAsync(Zlib, 100_000, seed: 7);
        await mirror.SyncDatabaseAsync();
        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Swarm.Loads >= 1 && mirror.Coordinator.InFlight.All(d => d.Hash is not null));
        mirror.Swarm.Deliver(Zlib, content, 50_000);
        mirror.Swarm.SetRate(Zlib, bytesPerSecond);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        return request;
    }
}
