using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

public sealed class SwarmConcurrencyTests : IDisposable
{
    private readonly MirrorHarness mirror = new();

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task Two_hundred_requests_for_twenty_files_make_twenty_loads_and_one_status_call_per_tick()
    {
        var contents = new Dictionary<string, byte[]>();
        for (var i = 0; i < 20; i++)
        {
            var name = $"pkg{i}-1.0-1-x86_64.pkg.tar.zst";
            contents[name] = await mirror.PublishAsync(name, 20_000 + i, seed: i);
        }

        await mirror.SyncDatabaseAsync();

        var requests = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => mirror.Mirror.GetAsync(MirrorHarness.File($"pkg{i % 20}-1.0-1-x86_64.pkg.tar.zst"), CancellationToken.None)))
            .ToList();
        await PackageServiceTests.WaitUntilAsync(() => mirror.Coordinator.InFlight.Count == 20
            && mirror.Coordinator.InFlight.All(d => d.Hash is not null)
            && mirror.Coordinator.InFlight.Sum(d => d.Waiters) == 200);

        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(2, mirror.Swarm.ProgressCalls);

        foreach (var (name, content) in contents)
        {
            mirror.Swarm.Complete(name, content);
        }

        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var results = await Task.WhenAll(requests);

        Assert.Equal(20, mirror.Swarm.Loads);
        Assert.Equal(3, mirror.Swarm.ProgressCalls);
        Assert.All(results, r => Assert.Equal("swarm", Assert.IsType<MirrorResult.File>(r).Source));
        Assert.Equal(20, results.Select(r => ((MirrorResult.File)r).Path).Distinct().Count());
    }

    [Fact]
    public async Task A_tick_with_nothing_in_flight_asks_nothing()
    {
        await mirror.Poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(0, mirror.Swarm.ProgressCalls);
    }

    [Fact]
    public async Task A_peerless_download_is_reannounced_after_a_short_while()
    {
        const string Name = "a-1-1-any.pkg.tar.zst";
        await mirror.PublishAsync(Name, 1000, seed: 1);
        await mirror.SyncDatabaseAsync();
        mirror.Swarm.Peers = 0;
        _ = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Coordinator.InFlight.All(d => d.Hash is not null) && mirror.Swarm.Loads == 1);

        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(0, mirror.Swarm.Announces);
        mirror.Time.Advance(TimeSpan.FromSeconds(1));
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(1, mirror.Swarm.Announces);

        // Then with backoff: 2 s after the first, 4 s after the second.
        mirror.Time.Advance(TimeSpan.FromSeconds(1.5));
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(1, mirror.Swarm.Announces);
        mirror.Time.Advance(TimeSpan.FromSeconds(0.5));
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(2, mirror.Swarm.Announces);
        mirror.Time.Advance(TimeSpan.FromSeconds(3.9));
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(2, mirror.Swarm.Announces);
        mirror.Time.Advance(TimeSpan.FromSeconds(0.1));
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(3, mirror.Swarm.Announces);
    }

    [Fact]
    public async Task A_verified_download_is_announced_once_so_the_tracker_lists_it_as_a_seeder()
    {
        const string Name = "c-1-1-any.pkg.tar.zst";
        var content = await mirror.PublishAsync(Name, 1000, seed: 3);
        await mirror.SyncDatabaseAsync();
        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Coordinator.InFlight.All(d => d.Hash is not null) && mirror.Swarm.Loads == 1);

        mirror.Swarm.Complete(Name, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var result = await request;
        await PackageServiceTests.WaitUntilAsync(() => mirror.Swarm.Announces == 1);
        mirror.Time.Advance(TimeSpan.FromMinutes(5));
        await mirror.Poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal("swarm", Assert.IsType<MirrorResult.File>(result).Source);
        Assert.Equal(1, mirror.Swarm.Announces);
    }

    [Fact]
    public async Task Downloads_with_peers_are_not_reannounced()
    {
        const string Name = "b-1-1-any.pkg.tar.zst";
        await mirror.PublishAsync(Name, 1000, seed: 2);
        await mirror.SyncDatabaseAsync();
        _ = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Coordinator.InFlight.All(d => d.Hash is not null) && mirror.Swarm.Loads == 1);

        mirror.Time.Advance(TimeSpan.FromSeconds(3));
        await mirror.Poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(0, mirror.Swarm.Announces);
    }

    [Fact]
    public async Task The_poller_runs_on_the_clock()
    {
        const string Name = "c-1-1-any.pkg.tar.zst";
        var content = await mirror.PublishAsync(Name, 1000, seed: 3);
        await mirror.SyncDatabaseAsync();
        using var stop = new CancellationTokenSource();
        var poller = mirror.Poller.RunAsync(stop.Token);
        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => mirror.Swarm.Loads == 1 && mirror.Coordinator.InFlight.All(d => d.Hash is not null));
        mirror.Swarm.Complete(Name, content);

        // Each pause is a new timer on the fake clock: keep the clock moving until the loop has seen it.
        for (var i = 0; i < 500 && !request.IsCompleted; i++)
        {
            mirror.Time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(10);
        }

        Assert.IsType<MirrorResult.File>(await request.WaitAsync(TimeSpan.FromSeconds(5)));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poller);
    }
}
