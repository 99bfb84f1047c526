using System.Diagnostics;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Swarm;

/// <summary>
/// The swarm minutes after its last announce, with pactor's tracker at its defaults (no interval setting).
/// rtorrent re-announces no more often than every 600 s whatever the tracker answers, so a tracker that forgets peers
/// sooner (it used to: 2 × 30 s + 30 s = 90 s) has an empty swarm after about two minutes, and every new package
/// request is a 307 after the hedge. Slow by design: the test idles for <see cref="Idle"/> (over 2 minutes).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SwarmAfterIdleTests(PackageRepoFixture fixture, ITestOutputHelper output)
{
    /// <summary>More than 2 minutes, and 40 s past the old expiry (90 s after an announce).</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(130);

    private PackageRepo Repo => fixture.Repo;

    [Fact]
    public async Task After_idling_past_the_old_peer_expiry_an_old_client_and_a_new_one_get_new_packages_from_the_swarm_within_the_hedge()
    {
        await using var seedbox = await SeedboxStack.StartAsync(Repo);
        var clients = new List<ClientNode>();
        try
        {
            var first = await ClientNode.StartAsync(seedbox, 1);
            clients.Add(first);
            using var firstPacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, first.ServerTemplate));
            string logs() => Logs(seedbox, clients);
            (await firstPacman.SyncAsync()).EnsureSuccess(firstPacman.Describe(), logs());
            var before = await SwarmInstall.FromTheSwarmAsync(firstPacman, seedbox, first, [Repo["e2e-small"]], logs);
            output.WriteLine($"client 1, e2e-small before the idle: swarm 200 in {before[0].TotalMilliseconds:0} ms");

            // Nobody announces now: the seeder's and client 1's last announces were before this.
            var idle = Stopwatch.StartNew();
            await Task.Delay(Idle);
            output.WriteLine($"idled {idle.Elapsed.TotalSeconds:0.0} s; scrape of e2e-medium: {await seedbox.ScrapeAsync(Repo["e2e-medium"])}");

            // (a) The same client, a package it never had: its rtorrent announces a new torrent and must get the seeder.
            var old = await SwarmInstall.FromTheSwarmAsync(firstPacman, seedbox, first, [Repo["e2e-medium"]], logs);
            output.WriteLine($"client 1, e2e-medium after the idle: swarm 200 in {old[0].TotalMilliseconds:0} ms");

            // (b) A client that was not there before the idle.
            var second = await ClientNode.StartAsync(seedbox, 2);
            clients.Add(second);
            using var secondPacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, second.ServerTemplate));
            (await secondPacman.SyncAsync()).EnsureSuccess(secondPacman.Describe(), logs());
            var fresh = await SwarmInstall.FromTheSwarmAsync(secondPacman, seedbox, second, [Repo["e2e-large"]], logs);
            output.WriteLine($"client 2, e2e-large after the idle: swarm 200 in {fresh[0].TotalMilliseconds:0} ms");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static string Logs(SeedboxStack seedbox, IEnumerable<ClientNode> clients) =>
        string.Join('\n', [.. seedbox.Describe(), .. clients.Select(client => client.Describe())]);
}
