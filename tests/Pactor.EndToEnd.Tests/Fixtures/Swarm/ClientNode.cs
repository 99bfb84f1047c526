using System.Diagnostics;
using System.Globalization;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Pactor.EndToEnd.Tests.Fixtures.Processes;
using Pactor.RTorrent;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// One client machine of a many-peer swarm: <c>pactor serve</c> with the seedbox origin as its only upstream (and so
/// its torrent source) and its OWN rtorrent (no <c>--rtorrent</c>) whose peers use
/// <see cref="LoopbackRoles.ClientRTorrent"/>(<see cref="Number"/>): every client is a distinct peer to the tracker.
/// </summary>
public sealed class ClientNode : IAsyncDisposable
{
    /// <summary>How long a request's log line may trail its last byte (the console logger writes in the background).</summary>
    public static readonly TimeSpan LogLag = TimeSpan.FromSeconds(2);

    /// <summary>
    /// pactor's default <c>--hedge-after</c>, which clients keep: a package the swarm has not delivered by then is
    /// answered 307 to the upstream.
    /// </summary>
    public static readonly TimeSpan Hedge = TimeSpan.FromSeconds(5);

    // ManagedRTorrent's log line after each (re)start.
    private const string StartedRTorrent = "Started rtorrent (PID ";

    private ClientNode(int number, IPAddress rtorrentAddress, PactorServeProcess pactor)
    {
        Number = number;
        RTorrentAddress = rtorrentAddress;
        Pactor = pactor;
        RTorrentEndpoint = RTorrentEndpoint.Parse("scgi://" + Path.Combine(pactor.CacheDirectory, "rtorrent", "rpc.sock"));
        RTorrent = RTorrentClientFactory.Create(RTorrentEndpoint, new RTorrentOptions());
    }

    public int Number { get; }

    public IPAddress RTorrentAddress { get; }

    public PactorServeProcess Pactor { get; }

    /// <summary>pactor's rtorrent, on its socket <c>CACHE/rtorrent/rpc.sock</c>.</summary>
    public RTorrentEndpoint RTorrentEndpoint { get; }

    public RTorrentClient RTorrent { get; }

    /// <summary>The pacman <c>Server =</c> value for this client's pactor.</summary>
    public string ServerTemplate => Pactor.ServerTemplate;

    /// <param name="number">1, 2, …: picks the rtorrent's address (127.0.0.10 + number).</param>
    /// <param name="settings">More <c>Pactor:*</c> settings, by key without the section.</param>
    public static async Task<ClientNode> StartAsync(SeedboxStack seedbox, int number, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seedbox);
        var address = LoopbackRoles.ClientRTorrent(number);
        var pactor = await PactorServeProcess.StartAsync(
            new PactorServeSettings
            {
                Upstreams = [seedbox.ServerTemplate],
                RTorrent = null,
                Extra = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["RTorrentBind"] = address.ToString() },
            },
            cancellationToken: cancellationToken);
        return new ClientNode(number, address, pactor);
    }

    /// <summary>Lines of pactor's output containing <paramref name="text"/>.</summary>
    public IReadOnlyList<string> PactorLogLines(string text) =>
        [.. Pactor.Output.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal))];

    /// <summary>
    /// pactor's log lines saying it served <paramref name="package"/> from the swarm (a download it just finished).
    /// pactor logs a request after its last byte went out, so this waits up to <see cref="LogLag"/> for the first one.
    /// </summary>
    public async Task<IReadOnlyList<string>> SwarmAnswersAsync(PackageRepo repo, BuiltPackage package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(package);
        var line = $"GET {repo.UrlPath}/{package.FileName} swarm 200 ";
        var clock = Stopwatch.StartNew();
        while (PactorLogLines(line).Count == 0 && clock.Elapsed < LogLag)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        return PactorLogLines(line);
    }

    public Task<RTorrentTraffic> TrafficAsync(CancellationToken cancellationToken = default) =>
        RTorrentTraffic.ReadAsync(RTorrentEndpoint, cancellationToken);

    /// <summary>What pactor's rtorrent says of one download: state, completeness, its tracker's counters.</summary>
    public Task<RTorrentAnnounceState> AnnounceStateAsync(string infoHash, CancellationToken cancellationToken = default) =>
        RTorrentAnnounceState.ReadAsync(RTorrentEndpoint, infoHash, cancellationToken);

    /// <summary>The PID of pactor's rtorrent, from the file pactor keeps beside its socket (<c>CACHE/rtorrent/rtorrent.pid</c>).</summary>
    public int RTorrentProcessId() =>
        int.Parse(File.ReadAllText(Path.Combine(Pactor.CacheDirectory, "rtorrent", "rtorrent.pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>
    /// Kills pactor's rtorrent behind pactor's back (<c>kill -SIGNAL PID</c>: TERM as an operator's plain
    /// <c>kill</c>, KILL as a crash) and waits until pactor has started a new one (its "Started rtorrent (PID …)" log
    /// line with another PID) that answers on the socket. Returns the new PID.
    /// </summary>
    public async Task<int> KillRTorrentAsync(string signal, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var killed = RTorrentProcessId();
        var starts = PactorLogLines(StartedRTorrent).Count;
        (await ExternalCommand.RunAsync("kill", [$"-{signal}", killed.ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(5))).EnsureSuccess(Describe());
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var restarted = PactorLogLines(StartedRTorrent).Count > starts ? RTorrentProcessId() : killed;
            if (restarted != killed)
            {
                try
                {
                    await RTorrent.GetVersionAsync(cancellationToken);
                    return restarted;
                }
                catch (RTorrentUnreachableException) when (clock.Elapsed < timeout)
                {
                    // Started, socket not answering yet.
                }
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"client {Number}: pactor did not start a new rtorrent within {timeout.TotalSeconds} s of SIG{signal} to PID {killed}\n{Describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>pactor's output and its rtorrent's log, for failure messages.</summary>
    public string Describe()
    {
        var log = Path.Combine(Pactor.CacheDirectory, "rtorrent", "rtorrent.log");
        return $"client {Number} (rtorrent on {RTorrentAddress}): {Pactor.Describe()}\nits rtorrent's log:\n"
            + (File.Exists(log) ? File.ReadAllText(log) : "(none)");
    }

    public async ValueTask DisposeAsync() => await Pactor.DisposeAsync();
}
