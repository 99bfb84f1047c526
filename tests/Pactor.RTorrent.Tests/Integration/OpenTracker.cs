using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pactor.RTorrent.Tests.Integration;

/// <summary>
/// Debian's opentracker on 127.0.0.1, whitelist-only. It chroots into its directory and runs as
/// nobody, so the directory and whitelist are made world-readable. Its port is chosen before it
/// starts so torrents can name it; an empty whitelist would not load, hence at least one hash.
/// </summary>
public sealed class OpenTracker : IAsyncDisposable
{
    private readonly Process process;
    private readonly TempDirectory root;

    private OpenTracker(Process process, TempDirectory root, int port)
    {
        this.process = process;
        this.root = root;
        Port = port;
    }

    public int Port { get; }

    public static string AnnounceUrl(int port) => $"http://127.0.0.1:{port}/announce";

    public static int ChoosePort() => LoopbackAddresses.UnusedPort(IPAddress.Loopback);

    public static async Task<OpenTracker> StartAsync(int port, IReadOnlyCollection<string> whitelist)
    {
        var opentracker = ExternalProgram.Require("opentracker", "opentracker");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("opentracker runs on Linux");
        }

        var root = new TempDirectory("pactor-tracker-");
        File.SetUnixFileMode(root.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var list = root.Combine("whitelist.txt");
        await File.WriteAllLinesAsync(list, whitelist);
        File.SetUnixFileMode(list, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var text = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = ExternalProgram.Start(
            opentracker, new ConcurrentQueue<string>(), "-i", "127.0.0.1", "-p", text, "-P", text, "-A", "127.0.0.1", "-d", root.Path, "-w", "/whitelist.txt");
        var tracker = new OpenTracker(process, root, port);
        await tracker.WaitUntilListeningAsync();
        return tracker;
    }

    public async ValueTask DisposeAsync()
    {
        await ExternalProgram.StopAsync(process, TimeSpan.FromSeconds(2));
        root.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (watch.Elapsed < TimeSpan.FromSeconds(5) && !process.HasExited)
            {
                await Task.Delay(20);
            }
            catch (SocketException e)
            {
                await DisposeAsync();
                Assert.Fail($"opentracker did not listen on 127.0.0.1:{Port}: {e.Message}");
            }
        }
    }
}
