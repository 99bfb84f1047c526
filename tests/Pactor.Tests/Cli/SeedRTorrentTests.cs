using System.Diagnostics;
using Pactor.Bencode;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Tests.Cli;

/// <summary><c>pactor seed --rtorrent</c> against a real seedbox rtorrent: hash-checked and seeded in place, erased with data kept.</summary>
public sealed class SeedRTorrentTests : IAsyncLifetime
{
    private readonly SeedTree tree = new();
    private RTorrentDaemon seedbox = null!;

    public async Task InitializeAsync() =>
        seedbox = await RTorrentDaemon.StartAsync(RTorrentConfigTemplate.Seedbox, unixSocket: false);

    public async Task DisposeAsync()
    {
        await seedbox.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task Packages_are_seeded_in_place_loaded_once_and_erased_with_their_data_kept()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst", length: 300_000, seed: 1);
        var b = tree.Package("b-1.0-1-x86_64.pkg.tar.zst", length: 1_000_000, seed: 2);
        var database = tree.Add("core/os/x86_64/core.db.tar.gz", length: 2_000, seed: 3);
        var folder = Path.GetDirectoryName(a)!;
        var endpoint = seedbox.Endpoint.ToString();

        var first = await tree.SeedAsync("--rtorrent", endpoint);
        var complete = await WaitUntilCompleteAsync(2);
        var second = await tree.SeedAsync("--rtorrent", endpoint);
        var bBytes = await File.ReadAllBytesAsync(b);
        File.Delete(a);
        var third = await tree.SeedAsync("--rtorrent", endpoint);
        var left = await seedbox.Client.ListAsync();

        Assert.True(first.ExitCode == 0, first.Error + seedbox.Diagnostics());
        Assert.EndsWith("2 created, 0 refreshed, 0 removed, 2 loaded, 0 erased, 0 unchanged\n", first.Out, StringComparison.Ordinal);
        Assert.All(complete, download =>
        {
            Assert.Equal(folder, download.Directory);
            Assert.Equal(Path.Combine(folder, download.Name), download.BasePath);
            Assert.Equal("pactor-seed", download.Label);
        });
        Assert.Equal([a, b], complete.Select(d => d.BasePath).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(seedbox.DownloadDirectory));
        Assert.Equal((0, "nothing to do: 2 torrents up to date\n"), (second.ExitCode, second.Out));
        Assert.True(third.ExitCode == 0, third.Error);
        Assert.EndsWith("0 created, 0 refreshed, 1 removed, 0 loaded, 1 erased, 1 unchanged\n", third.Out, StringComparison.Ordinal);
        Assert.Equal(Metainfo.Load(b + ".torrent").InfoHash, Assert.Single(left).Hash);
        Assert.Equal(bBytes, await File.ReadAllBytesAsync(b));
        Assert.True(File.Exists(database));
        Assert.False(File.Exists(a + ".torrent"));
    }

    [Fact]
    public async Task New_trackers_reload_the_same_hash_which_is_checked_and_complete_again()
    {
        tree.Package("a-1.0-1-x86_64.pkg.tar.zst", length: 200_000);
        var endpoint = seedbox.Endpoint.ToString();
        await tree.SeedAsync("--rtorrent", endpoint);
        var before = Assert.Single(await WaitUntilCompleteAsync(1));

        var run = await CliRun.InvokeAsync("seed", tree.Root, "--announce", "http://127.0.0.1:2/announce", "--rtorrent", endpoint);
        var after = Assert.Single(await WaitUntilCompleteAsync(1));

        Assert.True(run.ExitCode == 0, run.Error + seedbox.Diagnostics());
        Assert.EndsWith("0 created, 1 refreshed, 0 removed, 1 loaded, 1 erased, 0 unchanged\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(before.Hash, after.Hash);
        Assert.Equal(before.Directory, after.Directory);
        // rtorrent keeps a copy of each loaded torrent in its session folder: the copy now names the new tracker.
        var session = Path.Combine(Path.GetDirectoryName(seedbox.DownloadDirectory)!, "session", after.Hash + ".torrent");
        Assert.Equal(["http://127.0.0.1:2/announce"], Metainfo.Load(session).Trackers);
    }

    private async Task<IReadOnlyList<DownloadStatus>> WaitUntilCompleteAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var downloads = await seedbox.Client.ListAsync();
            if (downloads.Count == count && downloads.All(d => d.IsComplete))
            {
                return downloads;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15),
                $"rtorrent did not report {count} complete downloads: {string.Join(", ", downloads)}\n{seedbox.Diagnostics()}");
            await Task.Delay(50);
        }
    }
}
