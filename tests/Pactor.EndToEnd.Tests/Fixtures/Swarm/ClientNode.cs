using System.Diagnostics;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
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
        [.. Pactor.Process.Output.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal))];

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

    /// <summary>pactor's output and its rtorrent's log, for failure messages.</summary>
    public string Describe()
    {
        var log = Path.Combine(Pactor.CacheDirectory, "rtorrent", "rtorrent.log");
        return $"client {Number} (rtorrent on {RTorrentAddress}): {Pactor.Describe()}\nits rtorrent's log:\n"
            + (File.Exists(log) ? File.ReadAllText(log) : "(none)");
    }

    public async ValueTask DisposeAsync() => await Pactor.DisposeAsync();
}
