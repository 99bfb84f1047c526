using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pactor.Bencode;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Tests.Cli;

/// <summary>
/// <c>pactor seed --whitelist --tracker-pid</c> with Debian's whitelist-only opentracker reading the file pactor writes:
/// after the SIGHUP it accepts the published hash and still refuses others.
/// </summary>
public sealed class SeedTrackerTests : IAsyncLifetime
{
    private const string Unlisted = "0123456789ABCDEF0123456789ABCDEF01234567";
    private readonly SeedTree tree = new();
    private readonly int port = LoopbackAddresses.UnusedPort(IPAddress.Loopback);
    private Process tracker = null!;

    private string TrackerDirectory => tree.Beside("tracker");

    public async Task InitializeAsync()
    {
        var opentracker = ExternalProgram.Require("opentracker", "opentracker");
        // opentracker chroots into the folder and reads the whitelist as nobody; it will not start on an empty list.
        Directory.CreateDirectory(TrackerDirectory);
        File.SetUnixFileMode(TrackerDirectory, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(TrackerDirectory, "whitelist.txt"), "89ABCDEF0123456789ABCDEF0123456789ABCDEF\n");
        File.SetUnixFileMode(Path.Combine(TrackerDirectory, "whitelist.txt"), (UnixFileMode)0b110_100_100);
        var text = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        tracker = ExternalProgram.Start(opentracker, new ConcurrentQueue<string>(),
            "-i", "127.0.0.1", "-p", text, "-P", text, "-A", "127.0.0.1", "-d", TrackerDirectory, "-w", "/whitelist.txt");
        await UntilAsync(async () =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "opentracker listening");
    }

    public async Task DisposeAsync()
    {
        await ExternalProgram.StopAsync(tracker, TimeSpan.FromSeconds(2));
        tree.Dispose();
    }

    [Fact]
    public async Task Opentracker_accepts_the_published_hash_after_the_reload_and_refuses_others()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var announce = $"http://127.0.0.1:{port}/announce";

        var run = await CliRun.InvokeAsync("seed", tree.Root, "--announce", announce,
            "--whitelist", Path.Combine(TrackerDirectory, "whitelist.txt"), "--tracker-pid", tracker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var hash = Metainfo.Load(a + ".torrent").InfoHash;

        Assert.True(run.ExitCode == 0, run.Error);
        await UntilAsync(async () => !(await AnnounceAsync(hash)).Contains("failure reason", StringComparison.Ordinal), "the published hash accepted");
        Assert.Contains("interval", await AnnounceAsync(hash), StringComparison.Ordinal);
        Assert.Contains("not authorized", await AnnounceAsync(Unlisted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tracker_pid_that_is_not_running_is_one_line_and_exit_code_1()
    {
        tree.Package("a-1.0-1-x86_64.pkg.tar.zst");

        var run = await tree.SeedAsync("--whitelist", tree.Beside("whitelist.txt"), "--tracker-pid", "999999999");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("pactor: --tracker-pid 999999999: no such process", Assert.Single(run.ErrorLines));
    }

    private async Task<string> AnnounceAsync(string infoHash)
    {
        var escaped = string.Concat(Convert.FromHexString(infoHash).Select(b => $"%{b:X2}"));
        using var http = new HttpClient();
        var reply = await http.GetByteArrayAsync(
            $"http://127.0.0.1:{port}/announce?info_hash={escaped}&peer_id=-PC0001-000000000001&port=6881&uploaded=0&downloaded=0&left=0&compact=1");
        return Encoding.Latin1.GetString(reply);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
