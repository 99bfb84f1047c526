using System.Diagnostics;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests.Integration;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Swarm;

[Collection(EndToEndCollection.Name)]
public sealed class PackageSwarmTests(PackageRepoFixture fixture, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _mirror = TempDirectory.Create("swarm");

    public void Dispose() => _mirror.Dispose();

    [Fact]
    public async Task A_second_rtorrent_downloads_every_package_from_the_seeder_through_the_tracker()
    {
        var clock = Stopwatch.StartNew();
        await using var swarm = await PackageSwarm.StartAsync(fixture.Repo.CopyTo(_mirror.Path));
        var ready = clock.Elapsed;
        await using var downloader = await RTorrentDaemon.StartAsync(RTorrentConfigTemplate.Client, unixSocket: true);
        var target = Path.Combine(downloader.DownloadDirectory, "packages");
        Directory.CreateDirectory(target);

        clock.Restart();
        foreach (var torrent in swarm.Torrents.Torrents)
        {
            await downloader.Client.LoadAsync(await File.ReadAllBytesAsync(torrent.TorrentPath), new TorrentLoadOptions { Directory = target });
        }

        await WaitForAllAsync(downloader, swarm);
        output.WriteLine($"swarm ready (torrents, tracker, seeder hash check of 22 MB) in {ready.TotalSeconds:0.00} s; 3 packages downloaded in {clock.Elapsed.TotalSeconds:0.00} s");

        foreach (var torrent in swarm.Torrents.Torrents)
        {
            Assert.Equal(torrent.Package.Sha256, await MakepkgBuilder.Sha256Async(Path.Combine(target, torrent.Package.FileName)));
        }
    }

    private static async Task WaitForAllAsync(RTorrentDaemon downloader, PackageSwarm swarm)
    {
        var hashes = swarm.Torrents.Torrents.Select(torrent => torrent.InfoHash).ToList();
        var clock = Stopwatch.StartNew();
        TimeSpan? lastAnnounce = null;
        while (clock.Elapsed < TransferTimeout)
        {
            var statuses = await downloader.Client.GetStatusAsync(hashes);
            if (hashes.All(hash => statuses.TryGetValue(hash, out var status) && status.IsComplete))
            {
                return;
            }

            // A torrent loaded before the tracker knew a peer would not announce again for ~30 min.
            if (lastAnnounce is null || clock.Elapsed - lastAnnounce > TimeSpan.FromSeconds(1))
            {
                foreach (var hash in hashes)
                {
                    await downloader.Client.AnnounceAsync(hash);
                }

                lastAnnounce = clock.Elapsed;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"not every package downloaded within {TransferTimeout.TotalSeconds} s\n{downloader.Diagnostics()}\n{swarm.Describe()}");
    }
}
