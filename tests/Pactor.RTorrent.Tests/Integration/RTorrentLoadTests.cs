using Pactor.Bencode;

namespace Pactor.RTorrent.Tests.Integration;

[Collection(RealRTorrentCollection.Name)]
public sealed class RTorrentLoadTests(RTorrentSwarm swarm)
{
    private RTorrentClient Seeder => swarm.Seeder.Client;

    [Fact]
    public async Task Garbage_bytes_are_a_load_failure_and_reach_no_download_list()
    {
        var before = await Seeder.ListAsync();

        var error = await Assert.ThrowsAsync<TorrentLoadException>(() => Seeder.LoadAsync(
            "this is not a torrent"u8.ToArray(), new TorrentLoadOptions { Directory = swarm.Seeder.Scratch }));

        Assert.Null(error.InfoHash);
        Assert.Equal(before.Select(download => download.Hash), (await Seeder.ListAsync()).Select(download => download.Hash));
    }

    [Fact]
    public async Task A_valid_torrent_that_rtorrent_rejects_is_a_load_failure()
    {
        // An empty file makes a well-formed torrent with no pieces; rtorrent 0.9.8 silently drops it.
        var folder = Path.Combine(swarm.Seeder.Scratch, "empty");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "empty.bin");
        await File.WriteAllBytesAsync(path, []);
        var bytes = await TorrentCreator.CreateAsync(path, new TorrentCreateOptions { Announce = ["http://127.0.0.1:1/announce"] });
        var hash = Metainfo.Parse(bytes).InfoHash;

        var error = await Assert.ThrowsAsync<TorrentLoadException>(() =>
            Seeder.LoadAsync(bytes, new TorrentLoadOptions { Directory = folder }));

        Assert.Equal(hash, error.InfoHash);
        Assert.Contains("rtorrent did not accept torrent " + hash, error.Message, StringComparison.Ordinal);
        Assert.Empty(await Seeder.GetStatusAsync([hash]));
    }

    [Fact]
    public async Task A_stopped_load_takes_directory_label_and_priority_and_a_second_load_changes_nothing()
    {
        var torrent = await SampleTorrent.CreateAsync(Path.Combine(swarm.Seeder.Scratch, "stopped-source"), "stopped.bin", 70_000);
        var directory = Path.Combine(swarm.Seeder.Scratch, "stopped-target");
        var options = new TorrentLoadOptions { Directory = directory, Label = "extra", Priority = DownloadPriority.High, Start = false };

        var hash = await Seeder.LoadAsync(torrent.Bytes, options);
        var again = await Seeder.LoadAsync(torrent.Bytes, options with { Directory = Path.Combine(swarm.Seeder.Scratch, "elsewhere") });

        Assert.Equal(torrent.InfoHash, hash);
        Assert.Equal(hash, again);
        Assert.True(Directory.Exists(directory));
        var status = (await Seeder.GetStatusAsync([hash]))[hash];
        Assert.Equal(status, Assert.Single(await Seeder.ListAsync(), download => download.Hash == hash));
        Assert.Equal("stopped.bin", status.Name);
        Assert.Equal("extra", status.Label);
        Assert.Equal(directory, status.Directory);
        Assert.Equal(70_000, status.SizeBytes);
        Assert.False(status.IsActive);
        Assert.False(status.IsComplete);
        Assert.Equal(3L, await Seeder.CallAsync("d.priority", [hash], CancellationToken.None));

        Assert.True(await Seeder.EraseAsync(hash, deleteData: false));
        Assert.Empty(await Seeder.GetStatusAsync([hash]));
        Assert.False(await Seeder.EraseAsync(hash, deleteData: false));
    }

    [Fact]
    public async Task Erasing_with_data_deletes_the_downloads_file_and_nothing_else()
    {
        var source = Path.Combine(swarm.Seeder.Scratch, "erase-source");
        var torrent = await SampleTorrent.CreateAsync(source, "erase-me.bin", 40_000);
        var neighbour = Path.Combine(source, "neighbour.bin");
        await File.WriteAllTextAsync(neighbour, "stays");
        var hash = await Seeder.LoadAsync(torrent.Bytes, new TorrentLoadOptions { Directory = source });
        await WaitUntilAsync(async () => (await Seeder.GetStatusAsync([hash]))[hash].IsComplete, "the seeded copy to hash-check complete");

        Assert.True(await Seeder.EraseAsync(hash, deleteData: true));

        Assert.False(File.Exists(torrent.DataPath));
        Assert.True(File.Exists(neighbour));
        Assert.Empty(await Seeder.GetStatusAsync([hash]));
    }

    [Fact]
    public async Task Erasing_a_multi_file_download_with_data_deletes_its_folder_and_nothing_else()
    {
        var source = Path.Combine(swarm.Seeder.Scratch, "multi-source");
        var folder = Path.Combine(source, "bundle");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "a.bin"), new byte[50_000]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "sub", "b.bin"), new byte[70_000]);
        var neighbour = Path.Combine(source, "neighbour.bin");
        await File.WriteAllTextAsync(neighbour, "stays");
        var bytes = await TorrentCreator.CreateAsync(folder, new TorrentCreateOptions { Announce = ["http://127.0.0.1:1/announce"] });

        var hash = await Seeder.LoadAsync(bytes, new TorrentLoadOptions { Directory = source });
        await WaitUntilAsync(async () => (await Seeder.GetStatusAsync([hash]))[hash].IsComplete, "the multi-file copy to hash-check complete");
        var status = (await Seeder.GetStatusAsync([hash]))[hash];
        Assert.Equal(folder, status.BasePath);
        Assert.Equal(folder, status.Directory);

        Assert.True(await Seeder.EraseAsync(hash, deleteData: true));

        Assert.False(Directory.Exists(folder));
        Assert.True(File.Exists(neighbour));
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out waiting for {what}.\n{swarm.Seeder.Diagnostics()}");
    }
}
