using System.Diagnostics;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Swarm;

/// <summary>
/// An rtorrent restarted under a running swarm comes back into it on its own: the seedbox's seeder restarted by the
/// operator with its session, and a client's rtorrent that died and was restarted by pactor (ManagedRTorrent). Each
/// announces again at start, the tracker lists it as a seeder within seconds, and a new client gets packages from it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RTorrentRestartTests(PackageRepoFixture fixture, ITestOutputHelper output)
{
    /// <summary>"Within a few seconds": a restarted rtorrent rechecks its session's data, then announces.</summary>
    private static readonly TimeSpan ListedWithin = TimeSpan.FromSeconds(10);

    /// <summary>pactor's restart delay (1 s) plus rtorrent's start; after SIGKILL its session lock is taken over after ~2 s.</summary>
    private static readonly TimeSpan RestartWithin = TimeSpan.FromSeconds(30);

    private PackageRepo Repo => fixture.Repo;

    private long PackageBytes => Repo.Packages.Sum(package => package.Size);

    [Fact]
    public async Task A_seeder_rtorrent_restarted_with_its_session_is_listed_again_within_seconds_and_a_new_client_gets_packages_from_it()
    {
        await using var seedbox = await SeedboxStack.StartAsync(Repo);
        ClientNode? client = null;
        try
        {
            string logs() => string.Join('\n', [.. seedbox.Describe(), client?.Describe() ?? "(no client yet)"]);
            await AssertScrapesAsync(seedbox, "the seeder announced", scrape => scrape is { Complete: 1, Incomplete: 0 }, logs);

            // SIGINT: rtorrent announces "stopped" (the tracker drops it at once) and saves its session.
            await seedbox.Seeder.StopAsync("INT");
            await AssertScrapesAsync(seedbox, "the seeder stopped", scrape => scrape is { Complete: 0, Incomplete: 0 }, logs);

            var restart = Stopwatch.StartNew();
            seedbox.Seeder.Start();
            await seedbox.Seeder.WaitUntilAnsweringAsync();
            output.WriteLine($"the restarted seeder answered XML-RPC {restart.Elapsed.TotalMilliseconds:0} ms after its start");
            await AssertScrapesAsync(seedbox, "the seeder restarted", scrape => scrape is { Complete: 1, Incomplete: 0 }, logs);
            foreach (var package in Repo.Packages)
            {
                output.WriteLine($"restarted seeder: {await RTorrentAnnounceState.ReadAsync(seedbox.Seeder.Endpoint, seedbox.InfoHashOf(package))}");
            }

            client = await ClientNode.StartAsync(seedbox, 1);
            await InstallEverythingAsync(seedbox, client, logs);
            var uploaded = (await seedbox.SeederTrafficAsync()).Uploaded;
            Assert.True(uploaded >= PackageBytes, $"the restarted seeder uploaded {uploaded} bytes, less than the {PackageBytes} package bytes client 1 got\n{logs()}");
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <param name="signal">TERM: an operator's plain <c>kill</c> (rtorrent announces "stopped" on its way out); KILL: a crash (its tracker entry stays).</param>
    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task A_client_whose_rtorrent_pactor_restarted_is_listed_again_as_a_seeder_and_serves_another_client_after_the_seeder_stopped(string signal)
    {
        await using var seedbox = await SeedboxStack.StartAsync(Repo);
        var clients = new List<ClientNode>();
        try
        {
            string logs() => string.Join('\n', [.. seedbox.Describe(), .. clients.Select(client => client.Describe())]);
            var first = await ClientNode.StartAsync(seedbox, 1);
            clients.Add(first);
            await InstallEverythingAsync(seedbox, first, logs);
            await seedbox.StopSeederAsync();
            await AssertScrapesAsync(seedbox, "the seeder stopped", scrape => scrape.Complete + scrape.Incomplete == 1, logs);

            var restart = Stopwatch.StartNew();
            var pid = await first.KillRTorrentAsync(signal, RestartWithin);
            output.WriteLine($"SIG{signal}: pactor's new rtorrent (PID {pid}) answered {restart.Elapsed.TotalMilliseconds:0} ms after the signal");

            // The new process's own counters: it holds every package complete, started, and has announced since it started.
            foreach (var package in Repo.Packages)
            {
                var hash = seedbox.InfoHashOf(package);
                var state = await first.AnnounceStateAsync(hash);
                while (!(state is { State: 1, IsComplete: true, Successes: >= 1 }) && restart.Elapsed < RestartWithin)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                    state = await first.AnnounceStateAsync(hash);
                }

                output.WriteLine($"{restart.Elapsed.TotalMilliseconds:0} ms after SIG{signal}: {package.Name} {state}");
                Assert.True(state is { State: 1, IsComplete: true, Successes: >= 1 }, $"after SIG{signal} and pactor's restart of its rtorrent, {package.Name} is not a started, complete download that announced: {state}\n{logs()}");
            }

            // Only client 1 is left, now listed with nothing left to download.
            await AssertScrapesAsync(seedbox, $"client 1's rtorrent restarted after SIG{signal}", scrape => scrape is { Complete: 1, Incomplete: 0 }, logs);

            var second = await ClientNode.StartAsync(seedbox, 2);
            clients.Add(second);
            await InstallEverythingAsync(seedbox, second, logs);
            var uploaded = (await first.TrafficAsync()).Uploaded;
            Assert.True(uploaded >= PackageBytes, $"client 1's restarted rtorrent uploaded {uploaded} bytes, less than the {PackageBytes} package bytes client 2 got\n{logs()}");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>Scrapes each package's torrent until <paramref name="expected"/> holds (at most <see cref="ListedWithin"/>), and logs how long that took.</summary>
    private async Task AssertScrapesAsync(SeedboxStack seedbox, string after, Func<TrackerScrape, bool> expected, Func<string> logs)
    {
        foreach (var package in Repo.Packages)
        {
            var wait = await seedbox.ScrapeUntilAsync(package, expected, ListedWithin);
            output.WriteLine($"{after}, {package.Name}: {wait}");
            Assert.True(wait.Met, $"{after}, the tracker's scrape of {package.Name} was not as expected within {ListedWithin.TotalSeconds} s: {wait}\n{logs()}");
        }
    }

    private async Task InstallEverythingAsync(SeedboxStack seedbox, ClientNode client, Func<string> logs)
    {
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, client.ServerTemplate));
        (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), logs());
        var times = await SwarmInstall.FromTheSwarmAsync(pacman, seedbox, client, Repo.Packages, logs);
        output.WriteLine($"client {client.Number}: swarm 200 in {string.Join(", ", times.Select(time => $"{time.TotalMilliseconds:0} ms"))}");
    }
}
