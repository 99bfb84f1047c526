using System.Text.Json;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Tests.Cli;

/// <summary><c>pactor rtorrent</c> against real rtorrents: a seeder, a downloader and opentracker on loopback.</summary>
public sealed class RTorrentCommandTests : IAsyncLifetime
{
    private readonly Pactor.RTorrent.Tests.TempDirectory payload = new("pactor-cli-payload-");
    private OpenTracker tracker = null!;
    private RTorrentDaemon seeder = null!;
    private RTorrentDaemon downloader = null!;
    private SampleTorrent torrent = null!;

    public async Task InitializeAsync()
    {
        var port = OpenTracker.ChoosePort();
        torrent = await SampleTorrent.CreateAsync(payload.Path, "cli-payload.bin", 2_000_000, OpenTracker.AnnounceUrl(port));
        tracker = await OpenTracker.StartAsync(port, [torrent.InfoHash]);
        seeder = await RTorrentDaemon.StartAsync(RTorrentConfigTemplate.Seedbox, unixSocket: false);
        downloader = await RTorrentDaemon.StartAsync(RTorrentConfigTemplate.Client, unixSocket: true);
    }

    [Fact]
    public async Task Ping_prints_both_versions_over_tcp_and_a_unix_socket()
    {
        var tcp = await CliRun.InvokeAsync("rtorrent", "ping", "--rtorrent", seeder.Endpoint.ToString());
        var unix = await CliRun.InvokeAsync("rtorrent", "ping", "--rtorrent", downloader.Endpoint.ToString());

        Assert.Equal(0, tcp.ExitCode);
        Assert.Equal($"rtorrent 0.9.8 (libtorrent 0.13.8) at {seeder.Endpoint}", tcp.Out.Trim());
        Assert.Equal(0, unix.ExitCode);
        Assert.Contains("rtorrent 0.9.8", unix.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_with_wait_shows_progress_until_complete_and_list_reports_it()
    {
        var torrentFile = Path.Combine(payload.Path, "cli-payload.bin.torrent");
        await File.WriteAllBytesAsync(torrentFile, torrent.Bytes);
        var seed = await CliRun.InvokeAsync("rtorrent", "add", torrentFile, "--dir", payload.Path, "--rtorrent", seeder.Endpoint.ToString(), "--wait");
        Assert.True(seed.ExitCode == 0, seed.Error + seeder.Diagnostics());
        var target = Path.Combine(downloader.Scratch, "new-folder");

        var add = await CliRun.InvokeAsync("rtorrent", "add", torrentFile, "--dir", target, "--label", "cli", "--rtorrent", downloader.Endpoint.ToString(), "--wait")
            .WaitAsync(TimeSpan.FromSeconds(60));
        var list = await CliRun.InvokeAsync("rtorrent", "list", "--rtorrent", downloader.Endpoint.ToString(), "--json");

        Assert.True(add.ExitCode == 0, add.Error + downloader.Diagnostics());
        Assert.Contains($"loaded as {torrent.InfoHash}", add.Out, StringComparison.Ordinal);
        Assert.Contains("[##############################] 100.0%", add.Out, StringComparison.Ordinal);
        Assert.Contains("cli-payload.bin: complete, 2000000 bytes", add.Out, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(torrent.DataPath), await File.ReadAllBytesAsync(Path.Combine(target, "cli-payload.bin")));
        using var json = JsonDocument.Parse(list.Out);
        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(torrent.InfoHash, row.GetProperty("hash").GetString());
        Assert.Equal(100.0, row.GetProperty("percent").GetDouble());
        Assert.Equal("cli", row.GetProperty("label").GetString());
    }

    public async Task DisposeAsync()
    {
        await downloader.DisposeAsync();
        await seeder.DisposeAsync();
        await tracker.DisposeAsync();
        payload.Dispose();
    }
}
