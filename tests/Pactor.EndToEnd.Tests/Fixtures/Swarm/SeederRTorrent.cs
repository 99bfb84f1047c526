using System.Diagnostics;
using System.Globalization;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures.Processes;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// A seedbox's rtorrent, run the way an operator runs it: daemon mode from one of pactor's rc templates, SCGI on TCP
/// and peers on their own 127.77.x.y (the linked <c>LoopbackAddresses</c>, as <c>RTorrentDaemon</c> does), its
/// session in a directory of its own. Unlike <c>RTorrentDaemon</c> it can be restarted: <see cref="StopAsync"/>, then
/// <see cref="Start"/> runs the same rc again (same session, address and ports), as an operator's <c>systemctl restart</c>;
/// its downloads come back from the session, not from a new load.
/// </summary>
public sealed class SeederRTorrent : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    /// <summary>SIGINT saves the session and exits in under a second; the grace is for a loaded machine.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _directory;
    private readonly string _program;
    private readonly List<BackgroundProcess> _earlierRuns = [];

    private SeederRTorrent(TempDirectory directory, string program, BackgroundProcess process, RTorrentEndpoint endpoint, IPAddress address)
    {
        _directory = directory;
        _program = program;
        Process = process;
        Endpoint = endpoint;
        Address = address;
        Client = RTorrentClientFactory.Create(endpoint, new RTorrentOptions());
    }

    /// <summary>The rtorrent process (the latest one after a <see cref="Start"/>).</summary>
    public BackgroundProcess Process { get; private set; }

    public RTorrentEndpoint Endpoint { get; }

    /// <summary>The peer address (bind and announce); the tracker lists the seeder under it.</summary>
    public IPAddress Address { get; }

    public RTorrentClient Client { get; }

    private string LogFile => Path.Combine(_directory.Path, "rtorrent.log");

    public static async Task<SeederRTorrent> StartAsync(string template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        var program = RequiredProgram.Find("rtorrent");
        var directory = TempDirectory.Create("seeder");
        var address = LoopbackAddresses.Next();
        var endpoint = RTorrentEndpoint.Parse($"scgi://{address}:{LoopbackAddresses.UnusedPort(address).ToString(CultureInfo.InvariantCulture)}");
        var rc = RTorrentConfigTemplate.Render(template, new RTorrentConfigValues
        {
            SessionDirectory = directory.Sub("session"),
            DownloadDirectory = directory.Sub("downloads"),
            LogFile = Path.Combine(directory.Path, "rtorrent.log"),
            Scgi = endpoint,
            BindAddress = address,
            Port = LoopbackAddresses.UnusedPort(address),
        });
        await File.WriteAllTextAsync(Path.Combine(directory.Path, "rtorrent.rc"), rc, cancellationToken);
        var seeder = new SeederRTorrent(directory, program, Launch(program, directory.Path, 0), endpoint, address);
        try
        {
            await seeder.WaitUntilAnsweringAsync(cancellationToken);
            return seeder;
        }
        catch
        {
            await seeder.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops rtorrent with <paramref name="signal"/> and waits for its exit (INT: it announces <c>stopped</c> and saves
    /// its session); <see cref="Start"/> runs it again.
    /// </summary>
    public async Task StopAsync(string signal = "INT") => await Process.StopAsync(signal, StopGrace);

    /// <summary>Runs the same rc again after <see cref="StopAsync"/>; <see cref="WaitUntilAnsweringAsync"/> waits for it.</summary>
    public void Start()
    {
        if (!Process.HasExited)
        {
            throw new InvalidOperationException("the seeder rtorrent is still running");
        }

        _earlierRuns.Add(Process);
        Process = Launch(_program, _directory.Path, _earlierRuns.Count);
    }

    public async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken = default)
    {
        var probe = RTorrentClientFactory.Create(Endpoint, new RTorrentOptions { RetryAttempts = 0, CallTimeout = TimeSpan.FromSeconds(1) });
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await probe.GetVersionAsync(cancellationToken);
                return;
            }
            catch (RTorrentUnreachableException e)
            {
                if (Process.HasExited || clock.Elapsed > StartTimeout)
                {
                    var why = Process.HasExited ? "exited" : $"did not answer within {StartTimeout.TotalSeconds} s ({e.Reason})";
                    Assert.Fail($"the seeder rtorrent {why}.\n{Diagnostics()}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    /// <summary>Every run's output and the log file (all runs append to it), for failure messages.</summary>
    public string Diagnostics() =>
        $"rtorrent at {Endpoint} ({Address}):\n{string.Join('\n', [.. _earlierRuns.Select(run => run.Describe()), Process.Describe()])}\nlog:\n"
        + (File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log file)");

    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync("INT", StopGrace);
        await Process.DisposeAsync();
        foreach (var run in _earlierRuns)
        {
            await run.DisposeAsync();
        }

        _directory.Dispose();
    }

    private static BackgroundProcess Launch(string program, string directory, int restarts) => BackgroundProcess.Start(
        restarts == 0 ? "seeder rtorrent" : $"seeder rtorrent (start {(restarts + 1).ToString(CultureInfo.InvariantCulture)})",
        program,
        ["-n", "-o", $"import={Path.Combine(directory, "rtorrent.rc")}"],
        directory);
}
