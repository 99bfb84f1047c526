using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Pactor.EndToEnd.Tests.Fixtures.Torrents;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Benchmarks;

/// <summary>
/// The world pactor runs in for a benchmark: makepkg-built packages in a repo <c>bench</c> (repo-add database),
/// <c>FILE.torrent</c> next to each package (pactor's TorrentCreator), opentracker whitelisting them, optionally a
/// seeder rtorrent on its own loopback address, and a static HTTP mirror over the tree that is both pactor's
/// upstream and its torrent source.
/// </summary>
public sealed class BenchMirror : IAsyncDisposable
{
    public const string RepoName = "bench";

    private readonly TempDirectory work;
    private readonly PackageSwarm? swarm;
    private readonly OpenTracker? tracker;

    private BenchMirror(TempDirectory work, PackageRepo repo, SeederFixture torrents, PackageSwarm? swarm, OpenTracker? tracker, StaticMirrorServer upstream)
    {
        this.work = work;
        Repo = repo;
        Torrents = torrents;
        this.swarm = swarm;
        this.tracker = tracker;
        Upstream = upstream;
    }

    public PackageRepo Repo { get; }

    public SeederFixture Torrents { get; }

    public StaticMirrorServer Upstream { get; }

    public string MirrorRoot => Repo.MirrorRoot;

    /// <summary>The URL path of a package, <c>/bench/os/x86_64/FILE</c>.</summary>
    public string UrlPathOf(BuiltPackage package) => $"{Repo.UrlPath}/{package.FileName}";

    public string DatabaseUrlPath => $"{Repo.UrlPath}/{RepoName}.db";

    /// <param name="seeded">False: torrents published and whitelisted, but no peer has the data.</param>
    public static async Task<BenchMirror> StartAsync(string purpose, IReadOnlyList<TestPackageSpec> specs, bool seeded)
    {
        var work = TempDirectory.Create(purpose);
        try
        {
            var build = await MakepkgBuilder.BuildAsync(specs, work.Sub("built"));
            var repo = await PackageRepo.CreateAsync(work.Sub("mirror"), RepoName, build);
            PackageSwarm? swarm = null;
            OpenTracker? tracker = null;
            SeederFixture torrents;
            if (seeded)
            {
                swarm = await PackageSwarm.StartAsync(repo);
                torrents = swarm.Torrents;
            }
            else
            {
                var port = OpenTracker.ChoosePort();
                torrents = await SeederFixture.PublishAsync(repo, [OpenTracker.AnnounceUrl(port)]);
                tracker = await OpenTracker.StartAsync(port, [.. torrents.Torrents.Select(torrent => torrent.InfoHash)]);
            }

            var upstream = await StaticMirrorServer.StartAsync(repo.MirrorRoot, LoopbackRoles.Upstream);
            return new BenchMirror(work, repo, torrents, swarm, tracker, upstream);
        }
        catch
        {
            work.Dispose();
            throw;
        }
    }

    /// <summary>Stops the seeder (nothing else should use CPU while pactor serves from its cache).</summary>
    public async Task StopSeederAsync()
    {
        if (swarm is { IsSeeding: true })
        {
            await swarm.StopSeederAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Upstream.DisposeAsync();
        if (swarm is not null)
        {
            await swarm.DisposeAsync();
        }

        if (tracker is not null)
        {
            await tracker.DisposeAsync();
        }

        work.Dispose();
    }
}
