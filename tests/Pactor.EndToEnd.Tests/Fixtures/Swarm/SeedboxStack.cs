using System.Diagnostics;
using Pactor.Bencode;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Pactor.EndToEnd.Tests.Fixtures.Processes;
using Pactor.RTorrent;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// A seedbox as an operator runs it, all real processes: a copy of a repo as the mirror tree <c>ROOT</c>;
/// <c>pactor serve</c> in origin mode with the tracker (<c>Pactor:Root</c>, <c>Pactor:Tracker</c>) on
/// <see cref="LoopbackRoles.SeedboxOrigin"/>; a seeder rtorrent from pactor's seedbox template on its own 127.77.x.y;
/// and one run of <c>pactor seed ROOT --announce ORIGIN/announce --rtorrent SEEDER</c>, which writes
/// <c>FILE.torrent</c> next to every package and loads them into the seeder in place. Ready when the seeder's hash
/// check found every package complete. Clients use <see cref="ServerTemplate"/> as upstream and torrent source.
/// The tracker runs at pactor's defaults (no interval setting). <see cref="RestartOriginAsync"/> and the seeder's
/// <see cref="SeederRTorrent.StopAsync"/> / <see cref="SeederRTorrent.Start"/> restart either process the way an
/// operator would, with the same state and addresses.
/// </summary>
public sealed class SeedboxStack : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _directory;
    private string? _stoppedSeederDiagnostics;

    private SeedboxStack(TempDirectory directory, PackageRepo repo, PactorServeProcess origin, SeederRTorrent seeder)
    {
        _directory = directory;
        Repo = repo;
        Origin = origin;
        Seeder = seeder;
    }

    /// <summary>The seedbox's own copy of the repo: <c>ROOT/{repo}/os/{arch}/</c>, with the torrents <c>pactor seed</c> wrote.</summary>
    public PackageRepo Repo { get; }

    public string Root => Repo.MirrorRoot;

    /// <summary><c>pactor serve</c> with <c>Pactor:Root</c> and <c>Pactor:Tracker</c>.</summary>
    public PactorServeProcess Origin { get; }

    /// <summary>The seeder; <see cref="StopSeederAsync"/> takes it away while the origin and tracker stay up.</summary>
    public SeederRTorrent Seeder { get; }

    public bool IsSeeding { get; private set; }

    /// <summary>The announce URL <c>pactor seed</c> wrote into every torrent: the origin's <c>/announce</c>.</summary>
    public string AnnounceUrl => new Uri(Origin.BaseUrl, "announce").AbsoluteUri;

    /// <summary>The pacman-style template clients use as upstream (and, with it, as torrent source).</summary>
    public string ServerTemplate => Origin.ServerTemplate;

    /// <summary>What <c>pactor seed</c> printed.</summary>
    public CommandResult? SeedResult { get; private set; }

    /// <param name="source">The repo to publish; copied, never changed.</param>
    /// <param name="seederTemplate">The seeder's rc template; null: pactor's <see cref="RTorrentConfigTemplate.Seedbox"/>.</param>
    public static async Task<SeedboxStack> StartAsync(PackageRepo source, string? seederTemplate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var directory = TempDirectory.Create("seedbox");
        PactorServeProcess? origin = null;
        SeedboxStack? seedbox = null;
        try
        {
            var repo = source.CopyTo(directory.Sub("mirror"));
            origin = await PactorServeProcess.StartAsync(
                new PactorServeSettings { Extra = new Dictionary<string, string> { ["Root"] = repo.MirrorRoot, ["Tracker"] = "true" } },
                LoopbackRoles.SeedboxOrigin,
                cancellationToken);
            var seeder = await SeederRTorrent.StartAsync(seederTemplate ?? RTorrentConfigTemplate.Seedbox, cancellationToken);
            seedbox = new SeedboxStack(directory, repo, origin, seeder) { IsSeeding = true };
            await seedbox.SeedAsync(cancellationToken);
            return seedbox;
        }
        catch
        {
            if (seedbox is not null)
            {
                await seedbox.DisposeAsync();
            }
            else
            {
                if (origin is not null)
                {
                    await origin.DisposeAsync();
                }

                directory.Dispose();
            }

            throw;
        }
    }

    /// <summary>Lines of the origin's output containing <paramref name="text"/>.</summary>
    public IReadOnlyList<string> OriginLogLines(string text) =>
        [.. Origin.Output.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal))];

    /// <summary>The origin's log lines for package files (not their torrents): every one is package bytes sent over HTTP.</summary>
    public IReadOnlyList<string> OriginPackageRequests() =>
        [.. Repo.Packages.SelectMany(package => OriginLogLines($" {Repo.UrlPath}/{package.FileName} "))];

    /// <summary>Package bytes the origin sent: the byte counts of <see cref="OriginPackageRequests"/> (pactor logs "… 200 N bytes …").</summary>
    public long OriginPackageBytes() => OriginPackageRequests().Sum(PactorLogLine.Bytes);

    /// <summary>The seeder's counters (uploaded piece bytes); only while it runs.</summary>
    public Task<RTorrentTraffic> SeederTrafficAsync(CancellationToken cancellationToken = default) =>
        RTorrentTraffic.ReadAsync(Seeder.Endpoint, cancellationToken);

    /// <summary>The info hash (upper-case hex) of the torrent <c>pactor seed</c> wrote for <paramref name="package"/>.</summary>
    public string InfoHashOf(BuiltPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return Metainfo.Load(Repo.PathOf(package) + ".torrent").InfoHash;
    }

    /// <summary>One <c>GET /scrape</c> of <paramref name="package"/>'s torrent on the seedbox's tracker.</summary>
    public Task<TrackerScrape> ScrapeAsync(BuiltPackage package, CancellationToken cancellationToken = default) =>
        TrackerScrape.ReadAsync(Origin.BaseUrl, InfoHashOf(package), cancellationToken);

    /// <summary>
    /// Scrapes <paramref name="package"/>'s torrent (at once, then every 100 ms) until <paramref name="until"/> holds
    /// or <paramref name="timeout"/> passed; never fails itself: the caller asserts on what it saw.
    /// </summary>
    public async Task<ScrapeWait> ScrapeUntilAsync(BuiltPackage package, Func<TrackerScrape, bool> until, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(until);
        var clock = Stopwatch.StartNew();
        var scrapes = 0;
        while (true)
        {
            var scrape = await ScrapeAsync(package, cancellationToken);
            scrapes++;
            if (until(scrape) || clock.Elapsed > timeout)
            {
                return new ScrapeWait(scrape, until(scrape), scrapes, clock.Elapsed);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>
    /// Restarts <c>pactor serve --root --tracker</c> (<see cref="PactorServeProcess.RestartAsync"/>): TERM is an
    /// operator's graceful restart, KILL a crash. Same cache directory, address and port; the seeder keeps running.
    /// </summary>
    public Task RestartOriginAsync(string signal = "TERM", CancellationToken cancellationToken = default) =>
        Origin.RestartAsync(signal, cancellationToken);

    /// <summary>Stops the seeder rtorrent (SIGINT); the origin and its tracker keep running.</summary>
    public async Task StopSeederAsync()
    {
        if (IsSeeding)
        {
            _stoppedSeederDiagnostics = Seeder.Diagnostics();
            IsSeeding = false;
            await Seeder.DisposeAsync();
        }
    }

    /// <summary>The origin's log, <c>pactor seed</c>'s output and the seeder's log, for failure messages.</summary>
    public string[] Describe() =>
    [
        "seedbox origin: " + Origin.Describe(),
        SeedResult?.Describe() ?? "(pactor seed did not run)",
        $"seedbox seeder ({(IsSeeding ? "seeding" : "stopped")}): " + (IsSeeding ? Seeder.Diagnostics() : _stoppedSeederDiagnostics),
    ];

    public async ValueTask DisposeAsync()
    {
        await StopSeederAsync();
        await Origin.DisposeAsync();
        _directory.Dispose();
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        SeedResult = (await PactorCli.RunAsync(["seed", Root, "--announce", AnnounceUrl, "--rtorrent", Seeder.Endpoint.ToString()], cancellationToken: cancellationToken))
            .EnsureSuccess(Describe());
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var downloads = await Seeder.Client.ListAsync(cancellationToken);
            if (downloads.Count == Repo.Packages.Count && downloads.All(download => download.IsComplete))
            {
                return;
            }

            if (clock.Elapsed > ReadyTimeout)
            {
                var seen = string.Join(", ", downloads.Select(download => $"{download.Name} complete={download.IsComplete}"));
                Assert.Fail($"The seeder did not hold all {Repo.Packages.Count} packages complete within {ReadyTimeout.TotalSeconds} s ({seen}).\n{string.Join('\n', Describe())}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
