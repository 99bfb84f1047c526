using System.Diagnostics;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Torrents;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// A private swarm for a repo: <c>FILE.torrent</c> next to every package (<see cref="SeederFixture"/>), opentracker
/// whitelisting exactly those hashes, and a seeder rtorrent (pactor's seedbox template, its own loopback address)
/// seeding the packages in place from the repo folder. Ready when the seeder's hash check found every package
/// complete. The repo should be a test's own copy (<see cref="PackageRepo.CopyTo"/>): torrents are written into it.
/// </summary>
public sealed class PackageSwarm : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// pactor's seedbox template without its upload budget (a later line wins): these swarms time and test pactor
    /// against a seeder as fast as the machine allows. <see cref="SeedboxStack"/> runs the template as shipped.
    /// </summary>
    public static string UnlimitedSeedbox => RTorrentConfigTemplate.Seedbox + "\nthrottle.global_up.max_rate.set = 0\n";

    private PackageSwarm(SeederFixture torrents, OpenTracker tracker, RTorrentDaemon seeder)
    {
        Torrents = torrents;
        Tracker = tracker;
        Seeder = seeder;
    }

    public SeederFixture Torrents { get; }

    public OpenTracker Tracker { get; }

    /// <summary>The seeder; <see cref="StopSeederAsync"/> takes it away for the "no peers" runs.</summary>
    public RTorrentDaemon Seeder { get; }

    public bool IsSeeding { get; private set; }

    public PackageRepo Repo => Torrents.Repo;

    public static async Task<PackageSwarm> StartAsync(PackageRepo repo, CancellationToken cancellationToken = default)
    {
        var port = OpenTracker.ChoosePort();
        var torrents = await SeederFixture.PublishAsync(repo, [OpenTracker.AnnounceUrl(port)], cancellationToken);
        var tracker = await OpenTracker.StartAsync(port, [.. torrents.Torrents.Select(torrent => torrent.InfoHash)]);
        RTorrentDaemon seeder;
        try
        {
            seeder = await RTorrentDaemon.StartAsync(UnlimitedSeedbox, unixSocket: false);
        }
        catch
        {
            await tracker.DisposeAsync();
            throw;
        }

        var swarm = new PackageSwarm(torrents, tracker, seeder);
        try
        {
            await swarm.SeedAsync(cancellationToken);
        }
        catch
        {
            await swarm.DisposeAsync();
            throw;
        }

        return swarm;
    }

    /// <summary>Stops the seeder rtorrent (SIGINT): from now on the swarm has no peer with the data.</summary>
    public async Task StopSeederAsync()
    {
        IsSeeding = false;
        await Seeder.DisposeAsync();
    }

    /// <summary>The seeder's output and log, for failure messages.</summary>
    public string Describe() => $"package swarm: tracker port {Tracker.Port}, seeder {(IsSeeding ? "seeding" : "stopped")}\n{Seeder.Diagnostics()}";

    public async ValueTask DisposeAsync()
    {
        if (IsSeeding)
        {
            await StopSeederAsync();
        }

        await Tracker.DisposeAsync();
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        // A single-file torrent loaded with directory D finds its data at D/NAME: the package in the repo folder.
        foreach (var torrent in Torrents.Torrents)
        {
            var bytes = await File.ReadAllBytesAsync(torrent.TorrentPath, cancellationToken);
            var hash = await Seeder.Client.LoadAsync(bytes, new TorrentLoadOptions { Directory = Repo.Directory, Label = "seed" }, cancellationToken);
            Assert.Equal(torrent.InfoHash, hash);
        }

        IsSeeding = true;
        var hashes = Torrents.Torrents.Select(torrent => torrent.InfoHash).ToList();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var statuses = await Seeder.Client.GetStatusAsync(hashes, cancellationToken);
            var waiting = hashes.Where(hash => !statuses.TryGetValue(hash, out var status) || !status.IsComplete).ToList();
            if (waiting.Count == 0)
            {
                return;
            }

            if (clock.Elapsed > ReadyTimeout)
            {
                Assert.Fail($"The seeder's hash check did not find {string.Join(", ", waiting)} complete within {ReadyTimeout.TotalSeconds} s.\n{Describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
