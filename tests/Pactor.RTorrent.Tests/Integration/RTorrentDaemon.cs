using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Pactor.RTorrent.Tests.Integration;

/// <summary>
/// A real rtorrent 0.9.8 in daemon mode, started from one of pactor's rc templates in a temp directory,
/// on its own loopback address, with SCGI on TCP or a unix socket. Stopped with SIGINT on dispose.
/// </summary>
public sealed class RTorrentDaemon : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly TempDirectory root;
    private readonly ConcurrentQueue<string> output;

    private RTorrentDaemon(Process process, TempDirectory root, ConcurrentQueue<string> output, RTorrentEndpoint endpoint, IPAddress address)
    {
        this.process = process;
        this.root = root;
        this.output = output;
        Endpoint = endpoint;
        Address = address;
        Client = RTorrentClientFactory.Create(endpoint, new RTorrentOptions());
    }

    public RTorrentEndpoint Endpoint { get; }

    public IPAddress Address { get; }

    public RTorrentClient Client { get; }

    /// <summary>A scratch directory of this daemon's own, deleted with it.</summary>
    public string Scratch => root.Combine("scratch");

    public string DownloadDirectory => root.Combine("downloads");

    public static async Task<RTorrentDaemon> StartAsync(string template, bool unixSocket)
    {
        var rtorrent = ExternalProgram.Require("rtorrent", "rtorrent");
        var root = new TempDirectory("pactor-rtorrent-");
        var address = LoopbackAddresses.Next();
        var endpoint = unixSocket
            ? RTorrentEndpoint.Parse($"scgi://{root.Combine("rpc.sock")}")
            : RTorrentEndpoint.Parse($"scgi://{address}:{LoopbackAddresses.UnusedPort(address)}");
        foreach (var folder in new[] { "session", "downloads", "scratch" })
        {
            Directory.CreateDirectory(root.Combine(folder));
        }

        var rc = RTorrentConfigTemplate.Render(template, new RTorrentConfigValues
        {
            SessionDirectory = root.Combine("session"),
            DownloadDirectory = root.Combine("downloads"),
            LogFile = root.Combine("rtorrent.log"),
            Scgi = endpoint,
            BindAddress = address,
            Port = LoopbackAddresses.UnusedPort(address),
        });
        await File.WriteAllTextAsync(root.Combine("rtorrent.rc"), rc);
        var output = new ConcurrentQueue<string>();
        var process = ExternalProgram.Start(rtorrent, output, "-n", "-o", $"import={root.Combine("rtorrent.rc")}");
        var daemon = new RTorrentDaemon(process, root, output, endpoint, address);
        await daemon.WaitUntilAnsweringAsync();
        return daemon;
    }

    /// <summary>rtorrent's stdout/stderr and log file, for failure messages.</summary>
    public string Diagnostics()
    {
        var log = root.Combine("rtorrent.log");
        return $"rtorrent at {Endpoint} ({Address}) output:\n{string.Join('\n', output)}\nlog:\n" +
            (File.Exists(log) ? File.ReadAllText(log) : "(no log file)");
    }

    public async ValueTask DisposeAsync()
    {
        await ExternalProgram.StopAsync(process, TimeSpan.FromSeconds(5));
        root.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var probe = RTorrentClientFactory.Create(Endpoint, new RTorrentOptions { RetryAttempts = 0, CallTimeout = TimeSpan.FromSeconds(1) });
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await probe.GetVersionAsync();
                return;
            }
            catch (RTorrentUnreachableException) when (watch.Elapsed < StartTimeout && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (RTorrentUnreachableException e)
            {
                var why = process.HasExited ? $"exited with {process.ExitCode}" : $"did not answer within {StartTimeout.TotalSeconds} s ({e.Reason})";
                await DisposeAsync();
                Assert.Fail($"rtorrent {why}.\n{Diagnostics()}");
            }
        }
    }
}
