using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

/// <summary>
/// The poller's pace: fast while a request waits or a download is younger than the hedge (completion is
/// seen within one short tick), slow for downloads nobody waits for, silent when nothing is in flight.
/// </summary>
public sealed class PollingPaceTests : IDisposable
{
    private const string Name = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private static readonly TimeSpan Fast = new MirrorOptions().PollInterval;
    private static readonly TimeSpan Slow = new MirrorOptions().BackgroundPollInterval;

    private readonly MirrorHarness mirror = new();
    private readonly CancellationTokenSource stop = new();

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        mirror.Dispose();
    }

    [Fact]
    public void Defaults_are_five_milliseconds_while_waiting_and_one_second_in_the_background()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(5), Fast);
        Assert.Equal(TimeSpan.FromSeconds(1), Slow);
    }

    [Fact]
    public async Task The_pause_follows_the_waiting_requests()
    {
        var content = await mirror.PublishAsync(Name, 1000, seed: 1);
        await mirror.SyncDatabaseAsync();
        Assert.Null(mirror.Poller.NextPause());

        using var request = new CancellationTokenSource();
        var waiting = mirror.Mirror.GetAsync(MirrorHarness.File(Name), request.Token);
        await PackageServiceTests.WaitUntilAsync(() => IsLoadedWithWaiters(1));
        Assert.Equal(Fast, mirror.Poller.NextPause());

        await request.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(Fast, mirror.Poller.NextPause());
        mirror.Time.Advance(mirror.Options.Value.HedgeAfter);
        Assert.Equal(Slow, mirror.Poller.NextPause());

        mirror.Swarm.Complete(Name, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Coordinator.InFlight.Count == 0);
        Assert.Null(mirror.Poller.NextPause());
    }

    [Fact]
    public async Task The_loop_polls_each_short_tick_while_waiting_slowly_after_and_never_when_idle()
    {
        var content = await mirror.PublishAsync(Name, 1000, seed: 1);
        await mirror.SyncDatabaseAsync();
        var loop = mirror.Poller.RunAsync(stop.Token);

        // Idle: ten seconds pass without a status call.
        await AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, mirror.Swarm.ProgressCalls);

        using var request = new CancellationTokenSource();
        var waiting = mirror.Mirror.GetAsync(MirrorHarness.File(Name), request.Token);
        await PackageServiceTests.WaitUntilAsync(() => IsLoadedWithWaiters(1));
        await AdvanceUntilAsync(() => mirror.Swarm.ProgressCalls >= 5, Fast);

        // Nobody waits any more and the download is older than the hedge: at most the tick already
        // scheduled, then one call per slow pause.
        await request.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await AdvanceAsync(mirror.Options.Value.HedgeAfter, TimeSpan.FromMilliseconds(100));
        await AdvanceAsync(Fast * 2, Fast);
        var before = mirror.Swarm.ProgressCalls;
        await AdvanceAsync(Slow - (Fast * 4), Fast);
        Assert.Equal(before, mirror.Swarm.ProgressCalls);
        await AdvanceUntilAsync(() => mirror.Swarm.ProgressCalls == before + 1, Fast);

        // A request that joins wakes the slow loop without waiting for its tick.
        var joined = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Swarm.ProgressCalls == before + 2);

        mirror.Swarm.Complete(Name, content);
        await AdvanceUntilAsync(() => joined.IsCompleted, Fast);
        Assert.Equal("swarm", Assert.IsType<MirrorResult.File>(await joined).Source);
        var afterwards = mirror.Swarm.ProgressCalls;
        await AdvanceAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        Assert.Equal(afterwards, mirror.Swarm.ProgressCalls);
        Assert.False(loop.IsCompleted);
    }

    private bool IsLoadedWithWaiters(int waiters) =>
        mirror.Coordinator.InFlight.Count == 1 && mirror.Coordinator.InFlight.All(d => d.Hash is not null && d.Waiters == waiters);

    // Fake time moves in steps; each step gives the loop a moment of real time to reach its next wait.
    private async Task AdvanceAsync(TimeSpan total, TimeSpan step)
    {
        for (var passed = TimeSpan.Zero; passed < total; passed += step)
        {
            mirror.Time.Advance(step);
            await Task.Delay(2);
        }
    }

    private async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            mirror.Time.Advance(step);
            await Task.Delay(5);
        }

        Assert.True(condition(), "condition not reached");
    }
}
