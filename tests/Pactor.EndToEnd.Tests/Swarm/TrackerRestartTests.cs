using System.Diagnostics;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Swarm;

/// <summary>
/// The seedbox's <c>pactor serve --root --tracker</c> restarted (same cache directory, address and port) between two
/// clients. Nobody re-announces for up to 600 s (rtorrent's clamp), so the swarm survives only if the tracker
/// reloads its peer table from disk: the first scrape after the restart must list the seeders, and the next client
/// must get its packages from them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TrackerRestartTests(PackageRepoFixture fixture, ITestOutputHelper output)
{
    /// <summary>Before a SIGKILL: the tracker writes its table within ~10 s of a change, a crash loses what is newer.</summary>
    public static readonly TimeSpan PersistLag = TimeSpan.FromSeconds(15);

    /// <summary>How long the test keeps scraping after a failed first scrape, only to report when the seeders came back.</summary>
    private static readonly TimeSpan ReportFor = TimeSpan.FromSeconds(10);

    private PackageRepo Repo => fixture.Repo;

    /// <param name="signal">TERM: an operator's graceful restart; KILL: a crash, <see cref="PersistLag"/> after the last announce.</param>
    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task After_a_tracker_restart_the_first_scrape_lists_the_seeders_and_a_new_client_gets_its_packages_from_them(string signal)
    {
        await using var seedbox = await SeedboxStack.StartAsync(Repo);
        var clients = new List<ClientNode>();
        try
        {
            string logs() => string.Join('\n', [.. seedbox.Describe(), .. clients.Select(client => client.Describe())]);
            clients.Add(await ClientNode.StartAsync(seedbox, 1));
            await InstallEverythingAsync(seedbox, clients[0], logs);

            // Two seeders per torrent now: the seedbox's and client 1, which pactor announced once it verified the package
            // (rtorrent 0.9.8 with pieces.hash.on_completion, as client.rtorrent.rc sets it, sends no "completed" announce).
            var before = new Dictionary<string, TrackerScrape>();
            foreach (var package in Repo.Packages)
            {
                var peers = await seedbox.ScrapeUntilAsync(package, scrape => scrape.Complete == 2 && scrape.Incomplete == 0, ReportFor);
                output.WriteLine($"before the restart, {package.Name}: {peers}");
                Assert.True(peers.Met, $"before the restart, {package.Name}: {peers}; not the seeder and client 1 as seeders\n{logs()}");
                before[package.Name] = peers.Last;
            }

            if (signal == "KILL")
            {
                await Task.Delay(PersistLag);
            }

            var restart = Stopwatch.StartNew();
            await seedbox.RestartOriginAsync(signal);
            var answering = restart.Elapsed;
            foreach (var package in Repo.Packages)
            {
                var listed = await seedbox.ScrapeUntilAsync(package, scrape => scrape == before[package.Name], ReportFor);
                output.WriteLine($"SIG{signal}, tracker answering again {answering.TotalMilliseconds:0} ms after the signal; then {package.Name} listed as before: {listed}");
                Assert.True(listed.Met && listed.Scrapes == 1, $"after SIG{signal} and a restart of the tracker, the first scrape of {package.Name} did not list the seeder and client 1 as before ({before[package.Name]}): {listed}\n{logs()}");
            }

            clients.Add(await ClientNode.StartAsync(seedbox, 2));
            await InstallEverythingAsync(seedbox, clients[1], logs);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
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
