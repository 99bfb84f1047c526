using System.Diagnostics;

namespace Pactor.RTorrent.Tests.Integration;

[Collection(RealRTorrentCollection.Name)]
public sealed class RTorrentSwarmTests(RTorrentSwarm swarm)
{
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_pactor_made_torrent_seeded_by_one_rtorrent_is_downloaded_by_another_through_opentracker()
    {
        var payload = swarm.Payload;
        var seeder = swarm.Seeder.Client;
        var downloader = swarm.Downloader.Client;
        var target = Path.Combine(swarm.Downloader.DownloadDirectory, "core");

        // The downloader loads first: it announces to an empty swarm and would not ask again for ~30 min.
        var hash = await downloader.LoadAsync(payload.Bytes, new TorrentLoadOptions { Directory = target, Label = "core" });
        Assert.Equal(payload.InfoHash, hash);
        Assert.Equal(hash, await seeder.LoadAsync(payload.Bytes, new TorrentLoadOptions { Directory = Path.GetDirectoryName(payload.DataPath)! }));
        await WaitAsync(seeder, hash, status => status.IsComplete, "the seeder's hash check to find its data complete");

        var watch = Stopwatch.StartNew();
        await WaitAsync(downloader, hash, status => status.IsComplete, "the download to complete", announceEvery: TimeSpan.FromSeconds(1));

        var downloaded = Path.Combine(target, payload.Name);
        Assert.Equal(await File.ReadAllBytesAsync(payload.DataPath), await File.ReadAllBytesAsync(downloaded));
        var status = (await downloader.GetStatusAsync([hash]))[hash];
        Assert.Equal(downloaded, status.BasePath);
        Assert.Equal(1024 * 1024, status.CompletedBytes);
        Assert.Equal("core", status.Label);
        Assert.True(watch.Elapsed < TransferTimeout, $"took {watch.Elapsed}");
    }

    private async Task WaitAsync(
        RTorrentClient client, string hash, Func<DownloadStatus, bool> done, string what, TimeSpan? announceEvery = null)
    {
        var watch = Stopwatch.StartNew();
        var lastAnnounce = TimeSpan.Zero;
        DownloadStatus? status = null;
        while (watch.Elapsed < TransferTimeout)
        {
            status = (await client.GetStatusAsync([hash])).GetValueOrDefault(hash);
            if (status is not null && done(status))
            {
                return;
            }

            if (announceEvery is { } every && (lastAnnounce == TimeSpan.Zero || watch.Elapsed - lastAnnounce >= every))
            {
                await client.AnnounceAsync(hash);
                lastAnnounce = watch.Elapsed;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out after {TransferTimeout.TotalSeconds} s waiting for {what}; last status: {status}\n" +
            $"{swarm.Seeder.Diagnostics()}\n{swarm.Downloader.Diagnostics()}");
    }
}
