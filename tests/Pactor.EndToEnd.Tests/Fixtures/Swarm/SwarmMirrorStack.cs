using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Pactor.RTorrent;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// Everything pacman needs to get packages from a swarm through pactor, all real processes on loopback:
/// a <see cref="PackageSwarm"/> (tracker + seeder rtorrent) over the seeded repo copy, the upstream mirror
/// (a <see cref="StaticMirrorServer"/> over the untouched repo, no torrents), the torrent source (a
/// <see cref="StaticMirrorServer"/> over the seeded copy, which holds <c>FILE.torrent</c>), and <c>pactor serve</c>
/// running its OWN rtorrent (no <c>--rtorrent</c>) on <see cref="LoopbackRoles.PactorRTorrent"/>.
/// </summary>
public sealed class SwarmMirrorStack : IAsyncDisposable
{
    private SwarmMirrorStack(PackageSwarm swarm, StaticMirrorServer upstream, StaticMirrorServer torrentSource, PactorServeProcess pactor)
    {
        Swarm = swarm;
        Upstream = upstream;
        TorrentSource = torrentSource;
        Pactor = pactor;
        PactorRTorrent = RTorrentClientFactory.Create(RTorrentEndpoint.Parse("scgi://" + PactorRTorrentSocket), new RTorrentOptions());
    }

    public PackageSwarm Swarm { get; }

    /// <summary>The repo pacman installs from: the seeded copy (same database as the upstream's).</summary>
    public PackageRepo Repo => Swarm.Repo;

    public StaticMirrorServer Upstream { get; }

    public StaticMirrorServer TorrentSource { get; }

    public PactorServeProcess Pactor { get; }

    /// <summary>A client for the rtorrent pactor started itself, on its socket <c>CACHE/rtorrent/rpc.sock</c>.</summary>
    public RTorrentClient PactorRTorrent { get; }

    public string PactorRTorrentDirectory => Path.Combine(Pactor.CacheDirectory, "rtorrent");

    public string PactorRTorrentSocket => Path.Combine(PactorRTorrentDirectory, "rpc.sock");

    /// <summary>
    /// Starts the swarm over <paramref name="seeded"/> (a test's own copy: torrents are written into it), the upstream
    /// over <paramref name="upstreamRoot"/>, the torrent source over the seeded copy, then pactor.
    /// </summary>
    /// <param name="settings">More <c>Pactor:*</c> settings for pactor, by key without the section.</param>
    public static async Task<SwarmMirrorStack> StartAsync(
        PackageRepo seeded, string upstreamRoot, TimeSpan? hedgeAfter = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var swarm = await PackageSwarm.StartAsync(seeded);
        StaticMirrorServer? upstream = null;
        StaticMirrorServer? torrentSource = null;
        try
        {
            upstream = await StaticMirrorServer.StartAsync(upstreamRoot, LoopbackRoles.Upstream);
            torrentSource = await StaticMirrorServer.StartAsync(seeded.MirrorRoot, LoopbackRoles.SecondMirror);
            var pactor = await PactorServeProcess.StartAsync(new PactorServeSettings
            {
                Upstreams = [upstream.ServerTemplate],
                TorrentSources = [torrentSource.ServerTemplate],
                RTorrent = null,
                HedgeAfter = hedgeAfter,
                Extra = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["RTorrentBind"] = LoopbackRoles.PactorRTorrent.ToString() },
            });
            return new SwarmMirrorStack(swarm, upstream, torrentSource, pactor);
        }
        catch
        {
            await DisposeAllAsync(torrentSource, upstream, swarm);
            throw;
        }
    }

    /// <summary>Where pactor keeps a package it fetched through the swarm: <c>CACHE/packages/{repo}/os/{arch}/FILE</c>.</summary>
    public string CachedPackagePath(BuiltPackage package) =>
        Path.Combine(Pactor.CacheDirectory, "packages", Repo.Name, "os", PackageRepo.MachineArch, package.FileName);

    /// <summary>pactor's proof that it checked a package: <c>CACHE/verified/{repo}/os/{arch}/FILE.sha256</c>.</summary>
    public string VerifiedMarkerPath(BuiltPackage package) =>
        Path.Combine(Pactor.CacheDirectory, "verified", Repo.Name, "os", PackageRepo.MachineArch, package.FileName + ".sha256");

    /// <summary>Lines of pactor's output containing <paramref name="text"/>.</summary>
    public IReadOnlyList<string> PactorLogLines(string text) =>
        [.. Pactor.Output.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal))];

    /// <summary>pactor's output, its rtorrent's log, both mirrors' request logs and the swarm, for failure messages.</summary>
    public string[] Describe()
    {
        var log = Path.Combine(PactorRTorrentDirectory, "rtorrent.log");
        return
        [
            Pactor.Describe(),
            $"pactor's own rtorrent log ({log}):\n" + (File.Exists(log) ? File.ReadAllText(log) : "(none)"),
            Upstream.DescribeRequests(),
            TorrentSource.DescribeRequests(),
            Swarm.Describe(),
        ];
    }

    public async ValueTask DisposeAsync() => await DisposeAllAsync(Pactor, TorrentSource, Upstream, Swarm);

    private static async Task DisposeAllAsync(params IAsyncDisposable?[] parts)
    {
        foreach (var part in parts)
        {
            if (part is not null)
            {
                await part.DisposeAsync();
            }
        }
    }
}
