using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pactor.Tests.Cli;

public sealed class RTorrentCommandErrorTests
{
    [Fact]
    public async Task Ping_of_a_dead_endpoint_fails_fast_with_one_line()
    {
        var port = FreePort();
        var clock = Stopwatch.StartNew();

        var run = await CliRun.InvokeAsync("rtorrent", "ping", "--rtorrent", $"scgi://127.0.0.1:{port}");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains($"cannot reach rtorrent at scgi://127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Ping_of_a_silent_endpoint_times_out()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var run = await CliRun.InvokeAsync("rtorrent", "ping", "--rtorrent", $"scgi://127.0.0.1:{port}", "--timeout", "300ms");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("cannot reach rtorrent", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scgi://127.0.0.1")]
    [InlineData("scgi://relative/path.sock")]
    [InlineData("ftp://127.0.0.1:5000")]
    [InlineData("127.0.0.1:5000")]
    public async Task A_malformed_endpoint_is_bad_input(string endpoint)
    {
        var run = await CliRun.InvokeAsync("rtorrent", "list", "--rtorrent", endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith("pactor: --rtorrent: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoint_is_required()
    {
        var run = await CliRun.InvokeAsync("rtorrent", "ping");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Adding_an_invalid_torrent_names_the_file_and_touches_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pactor-bad-{Guid.NewGuid():N}.torrent");
        await File.WriteAllTextAsync(path, "d4:infoi1ee");
        try
        {
            var run = await CliRun.InvokeAsync("rtorrent", "add", path, "--dir", "/nonexistent-dir", "--rtorrent", $"scgi://127.0.0.1:{FreePort()}");

            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith($"pactor: {path}: ", run.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists("/nonexistent-dir"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
