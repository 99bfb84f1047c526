using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pactor.Bencode;
using Pactor.Core.Database;
using Pactor.Core.Mirror;
using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Core.Swarm;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Tests.Support;

/// <summary>The mirror core wired as the host wires it, with a fake swarm, upstream and clock.</summary>
internal sealed class MirrorHarness : IDisposable
{
    public const string Upstream = "http://mirror.test/$repo/os/$arch";
    private readonly TempDirectory temp = new();
    private readonly RepoDatabaseBuilder database = new();

    public MirrorHarness(ITorrentClient? client = null, bool withUpstream = true, string? cacheDirectory = null, IReadOnlyList<string>? upstreams = null)
    {
        Client = client ?? Swarm;
        Options = Microsoft.Extensions.Options.Options.Create(new MirrorOptions
        {
            CacheDirectory = cacheDirectory ?? temp.Path,
            Upstreams = upstreams is not null ? [.. upstreams] : withUpstream ? [Upstream] : [],
            TorrentSources = ["http://seedbox.test/$repo/os/$arch"],
        });
        Layout = new CacheLayout(Options.Value.CacheDirectory);
        Layout.Create();
        Store = new PackageStore(Layout);
        Databases = new RepoDatabaseIndex(Layout, NullLogger<RepoDatabaseIndex>.Instance);
        Health = new UpstreamHealth(Time, Options);
        Upstreams = new UpstreamSet(Options, Health);
        Retry = new UpstreamRetry(Time, Options, NullLogger<UpstreamRetry>.Instance);
        Coordinator = new DownloadCoordinator(Client, new TorrentSource(Http, Retry, Upstreams, Options), Layout, Time, Options, NullLogger<DownloadCoordinator>.Instance);
        var verifier = new DownloadVerifier(Client, Store, NullLogger<DownloadVerifier>.Instance);
        Poller = new DownloadPoller(Coordinator, Client, verifier, Store, Time, Options, NullLogger<DownloadPoller>.Instance);
        Copies = new UpstreamCopyService(Http, Retry, new UpstreamRace(Time), Upstreams, Layout, Databases, Store, Time, Options, NullLogger<UpstreamCopyService>.Instance);
        Packages = new PackageService(Databases, Store, Coordinator, new HedgeGrace(Time, Options), Upstreams, Time, Options, NullLogger<PackageService>.Instance);
        Recency = new RequestRecency(Store, Time);
        Mirror = new MirrorService(Packages, Copies, Store.Leases, Recency);
        Statistics = new CacheStatistics(Options);
        Evictor = new CacheEvictor(Store, Layout, Databases, Coordinator, Recency, Client, Statistics, Time, Options, NullLogger<CacheEvictor>.Instance);
        Recovery = new SwarmRecovery(Client, Coordinator, verifier, Databases, Store, Layout, Options, NullLogger<SwarmRecovery>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
    public FakeUpstream Http { get; } = new();
    public FakeSwarm Swarm { get; } = new();
    public ITorrentClient Client { get; }
    public IOptions<MirrorOptions> Options { get; }
    public UpstreamRetry Retry { get; }
    public UpstreamHealth Health { get; }
    public UpstreamSet Upstreams { get; }
    public CacheLayout Layout { get; }
    public PackageStore Store { get; }
    public RepoDatabaseIndex Databases { get; }
    public DownloadCoordinator Coordinator { get; }
    public DownloadPoller Poller { get; }
    public UpstreamCopyService Copies { get; }
    public PackageService Packages { get; }
    public MirrorService Mirror { get; }
    public SwarmRecovery Recovery { get; }
    public RequestRecency Recency { get; }
    public CacheStatistics Statistics { get; }
    public CacheEvictor Evictor { get; }

    public static MirrorFile File(string name, string repo = "core") => MirrorPath.TryParse(repo, "x86_64", name)!;

    /// <summary>Publishes a package: its bytes in the repo database, its torrent on the seedbox.</summary>
    public async Task<byte[]> PublishAsync(string fileName, int length, int seed, string repo = "core")
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        database.Add(RepoDatabaseBuilder.EntryFor(fileName, content));
        var source = Path.Combine(temp.Path, "src-" + fileName);
        await System.IO.File.WriteAllBytesAsync(source, content);
        var torrent = await TorrentCreator.CreateAsync(source, new TorrentCreateOptions { Name = fileName });
        Http.Put($"http://seedbox.test/{repo}/os/x86_64/{fileName}.torrent", torrent);
        Http.Put($"http://mirror.test/{repo}/os/x86_64/{fileName}", content);
        return content;
    }

    /// <summary>Serves the repo database of everything published so far and lets the mirror fetch it.</summary>
    public async Task SyncDatabaseAsync(string repo = "core")
    {
        Http.Put($"http://mirror.test/{repo}/os/x86_64/{repo}.db", database.BuildGzip(), Time.GetUtcNow());
        var result = await Mirror.GetAsync(File(repo + ".db", repo), CancellationToken.None);
        Assert.IsType<MirrorResult.File>(result);
    }

    public byte[] DatabaseBytes() => database.BuildGzip();

    public int PackageGets(string fileName) => Http.Requests.Count(r => r.Url.EndsWith("/" + fileName, StringComparison.Ordinal));

    public void Dispose() => temp.Dispose();
}
