using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Swarm;

/// <summary>
/// One seedbox (origin + tracker in <c>pactor serve --root --tracker</c>, a seeder rtorrent loaded by <c>pactor seed</c>)
/// and several client machines, each a <c>pactor serve</c> with its own rtorrent on its own address, with real pacman
/// in front of each: clients share with each other, and once the seeder is gone the swarm still delivers.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ManyPeersTests(PackageRepoFixture fixture, ITestOutputHelper output)
{
    private PackageRepo Repo => fixture.Repo;

    private long PackageBytes => Repo.Packages.Sum(package => new FileInfo(Repo.PathOf(package)).Length);

    [Fact]
    public async Task Three_clients_install_every_package_from_the_swarm_and_a_fourth_gets_them_from_the_clients_after_the_seeder_stopped()
    {
        await using var seedbox = await SeedboxStack.StartAsync(Repo);
        var clients = new List<ClientNode>();
        try
        {
            // Client 1, then 2, then 3: the same packages, one machine after another.
            for (var number = 1; number <= 3; number++)
            {
                clients.Add(await ClientNode.StartAsync(seedbox, number));
                await InstallEverythingFromTheSwarmAsync(seedbox, clients, clients[^1]);
            }

            Assert.True(seedbox.OriginPackageRequests().Count == 0, "the origin sent package bytes over HTTP\n" + Logs(seedbox, clients));
            foreach (var package in Repo.Packages)
            {
                // The origin's request log is read right: each client's pactor fetched the torrent there.
                Assert.True(seedbox.OriginLogLines($"GET {Repo.UrlPath}/{package.FileName}.torrent origin 200 ").Count >= 3, $"the origin did not log three torrent GETs for {package.FileName}\n{Logs(seedbox, clients)}");
            }

            // Client 1 had no other peer than the seeder: every byte it got came from there.
            var seeder = await seedbox.SeederTrafficAsync();
            Assert.True(seeder.Uploaded >= PackageBytes, $"the seeder uploaded {seeder.Uploaded} bytes, less than one copy ({PackageBytes})\n{Logs(seedbox, clients)}");
            var sharedBefore = await UploadedByClientsAsync(clients);
            output.WriteLine($"clients 1-3 received {3 * PackageBytes} package bytes: the seeder uploaded {seeder.Uploaded} ({(double)seeder.Uploaded / (3 * PackageBytes):0.00} of them), the clients {sharedBefore}");

            // The seeder goes; the origin (databases, torrents) and the tracker stay.
            await seedbox.StopSeederAsync();
            var fourth = await ClientNode.StartAsync(seedbox, 4);
            clients.Add(fourth);
            await InstallEverythingFromTheSwarmAsync(seedbox, clients, fourth);

            Assert.True(seedbox.OriginPackageRequests().Count == 0, "the origin sent package bytes to the fourth client\n" + Logs(seedbox, clients));
            var shared = await UploadedByClientsAsync(clients.Take(3)) - sharedBefore;
            output.WriteLine($"client 4: clients 1-3 uploaded {shared} bytes for {PackageBytes} package bytes");
            Assert.True(shared >= PackageBytes, $"clients 1-3 uploaded {shared} bytes to the fourth client, less than its {PackageBytes} package bytes\n{Logs(seedbox, clients)}");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>pacman -Sy and -S of every package through <paramref name="client"/>: installed right, each package answered from the swarm, no 307.</summary>
    private async Task InstallEverythingFromTheSwarmAsync(SeedboxStack seedbox, IReadOnlyList<ClientNode> clients, ClientNode client)
    {
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, client.ServerTemplate));
        string logs() => pacman.Describe() + "\n" + Logs(seedbox, clients);

        (await pacman.SyncAsync()).EnsureSuccess(logs());
        var install = (await pacman.InstallAsync(Repo.PackageNames)).EnsureSuccess(logs());

        output.WriteLine($"client {client.Number}: -S of {Repo.Packages.Count} packages ({PackageBytes} bytes) {install.Duration.TotalMilliseconds:0} ms");
        foreach (var package in Repo.Packages)
        {
            await pacman.AssertInstalledAsync(package);
            Assert.True((await client.SwarmAnswersAsync(seedbox.Repo, package)).Count == 1, $"client {client.Number}'s pactor did not serve {package.FileName} from the swarm\n{logs()}");
        }

        Assert.True(client.PactorLogLines("Falling back").Count == 0, $"client {client.Number}'s pactor fell back to HTTP\n{logs()}");
    }

    private static async Task<long> UploadedByClientsAsync(IEnumerable<ClientNode> clients)
    {
        long uploaded = 0;
        foreach (var client in clients)
        {
            uploaded += (await client.TrafficAsync()).Uploaded;
        }

        return uploaded;
    }

    private static string Logs(SeedboxStack seedbox, IEnumerable<ClientNode> clients) =>
        string.Join('\n', [.. seedbox.Describe(), .. clients.Select(client => client.Describe())]);
}
