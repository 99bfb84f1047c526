using System.Diagnostics;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Pactor.EndToEnd.Tests.Fixtures.Processes;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// A seedbox as an operator runs it, all real processes: a copy of a repo as the mirror tree <c>ROOT</c>;
/// <c>pactor serve</c> in origin mode with the tracker (<c>Pactor:Root</c>, <c>Pactor:Tracker</c>) on
/// <see cref="LoopbackRoles.SeedboxOrigin"/>; a seeder rtorrent from pactor's seedbox template on its own 127.77.x.y;
/// and one run of <c>pactor seed ROOT --announce ORIGIN/announce --rtorrent SEEDER</c>, which writes
/// <c>FILE.torrent</c> next to every package and loads them into the seeder in place. Ready when the seeder's hash
/// check found every package complete. Clients use <see cref="ServerTemplate"/> as upstream and torrent source.
/// </summary>
public sealed class SeedboxStack : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _directory;
    private string? _stoppedSeederDiagnostics;

    private SeedboxStack(TempDirectory directory, PackageRepo repo, PactorServeProcess origin, RTorrentDaemon seeder)
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
    public RTorrentDaemon Seeder { get; }

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
            var seeder = await RTorrentDaemon.StartAsync(seederTemplate ?? RTorrentConfigTemplate.Seedbox, unixSocket: false);
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
        [.. Origin.Process.Output.Split('\n').Where(line => line.Contains(text, StringComparison.Ordinal))];

    /// <summary>The origin's log lines for package files (not their torrents): every one is package bytes sent over HTTP.</summary>
    public IReadOnlyList<string> OriginPackageRequests() =>
        [.. Repo.Packages.SelectMany(package => OriginLogLines($" {Repo.UrlPath}/{package.FileName} "))];

    /// <summary>Package bytes the origin sent: the byte counts of <see cref="OriginPackageRequests"/> (pactor logs "… 200 N bytes …").</summary>
    public long OriginPackageBytes() => OriginPackageRequests().Sum(PactorLogLine.Bytes);

    /// <summary>The seeder's counters (uploaded piece bytes); only while it runs.</summary>
    public Task<RTorrentTraffic> SeederTrafficAsync(CancellationToken cancellationToken = default) =>
        RTorrentTraffic.ReadAsync(Seeder.Endpoint, cancellationToken);

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
