using Pactor.Core.Mirror;
using Pactor.Core.Swarm;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

/// <summary>
/// <see cref="DownloadCoordinator.Finished"/> (what the metrics record) comes before the waiting requests get
/// their outcome, so a client that has its answer, and scrapes <c>/metrics</c> next, finds the download counted.
/// </summary>
public sealed class DownloadFinishedTests : IDisposable
{
    private const string Name = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private readonly MirrorHarness mirror = new();

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task Finished_is_raised_once_before_the_waiting_request_has_the_verified_outcome()
    {
        var content = await mirror.PublishAsync(Name, 30_000, seed: 1);
        await mirror.SyncDatabaseAsync();
        var seen = new List<(bool Succeeded, bool WaiterAnswered)>();
        mirror.Coordinator.Finished += (download, outcome) => seen.Add((outcome.Succeeded, download.Completion.IsCompleted));

        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Coordinator.InFlight.Any(d => d.Hash is not null && d.Waiters == 1));
        mirror.Swarm.Complete(Name, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);

        Assert.IsType<MirrorResult.File>(await request);
        Assert.Equal([(true, false)], seen);
    }

    [Fact]
    public async Task Finished_is_raised_once_before_the_waiting_request_falls_back_on_a_mismatch()
    {
        await mirror.PublishAsync(Name, 30_000, seed: 2);
        await mirror.SyncDatabaseAsync();
        var seen = new List<(bool Succeeded, bool WaiterAnswered)>();
        mirror.Coordinator.Finished += (download, outcome) => seen.Add((outcome.Succeeded, download.Completion.IsCompleted));

        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Coordinator.InFlight.Any(d => d.Hash is not null && d.Waiters == 1));
        mirror.Swarm.Complete(Name, new byte[30_000]);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);

        Assert.IsType<MirrorResult.Redirect>(await request);
        Assert.Equal([(false, false)], seen);
    }

    [Fact]
    public async Task A_failing_finished_handler_still_answers_the_waiting_request()
    {
        await mirror.PublishAsync(Name, 30_000, seed: 3);
        await mirror.SyncDatabaseAsync();
        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Coordinator.InFlight.Any(d => d.Hash is not null && d.Waiters == 1));
        var download = Assert.Single(mirror.Coordinator.InFlight);
        mirror.Coordinator.Finished += (_, _) => throw new InvalidOperationException("handler broke");

        Assert.Throws<InvalidOperationException>(() => mirror.Coordinator.Finish(download, DownloadOutcome.Failed("no peers")));

        var redirect = Assert.IsType<MirrorResult.Redirect>(await request.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("no peers", redirect.Reason);
        Assert.Empty(mirror.Coordinator.InFlight);
    }
}
