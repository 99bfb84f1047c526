using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Pactor.RTorrent;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Swarm;

/// <summary>
/// Real pacman installs through the real <c>pactor serve</c>, which fetches every package over BitTorrent with the
/// rtorrent it starts itself, from a real seeder rtorrent found through a real opentracker.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PactorSwarmInstallTests(PackageRepoFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _trees = TempDirectory.Create("swarm-install");

    private PackageRepo Repo => fixture.Repo;

    public void Dispose() => _trees.Dispose();

    [Fact]
    public async Task Pacman_installs_every_package_and_every_package_byte_comes_from_the_swarm()
    {
        await using var stack = await SwarmMirrorStack.StartAsync(Repo.CopyTo(_trees.Sub("seeder")), Repo.MirrorRoot);
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, stack.Pactor.ServerTemplate));
        string[] logs() => [pacman.Describe(), .. stack.Describe()];

        var sync = (await pacman.SyncAsync()).EnsureSuccess(logs());
        var install = (await pacman.InstallAsync(Repo.PackageNames)).EnsureSuccess(logs());

        output.WriteLine($"-Sy {sync.Duration.TotalMilliseconds:0} ms, -S of 3 packages (22 MB) from the swarm {install.Duration.TotalMilliseconds:0} ms");
        foreach (var package in Repo.Packages)
        {
            await pacman.AssertInstalledAsync(package);
        }

        Assert.True(stack.Upstream.PackageRequests.Count == 0, "a package was fetched from the upstream, not the swarm\n" + string.Join('\n', logs()));
        foreach (var package in Repo.Packages)
        {
            Assert.True(stack.PactorLogLines($"GET {Repo.UrlPath}/{package.FileName} swarm 200").Count == 1, $"pactor did not serve {package.FileName} from the swarm\n{string.Join('\n', logs())}");
            await AssertPactorHoldsVerifiedAsync(stack, package, logs);
        }

        await AssertPactorRTorrentSeedsAllAsync(stack, logs);
    }

    [Fact]
    public async Task A_second_pacman_gets_every_package_from_pactors_cache_without_loading_a_torrent_again()
    {
        await using var stack = await SwarmMirrorStack.StartAsync(Repo.CopyTo(_trees.Sub("seeder")), Repo.MirrorRoot);
        using var first = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, stack.Pactor.ServerTemplate));
        string[] firstLogs() => [first.Describe(), .. stack.Describe()];
        (await first.SyncAsync()).EnsureSuccess(firstLogs());
        (await first.InstallAsync(Repo.PackageNames)).EnsureSuccess(firstLogs());
        var loadsAfterFirst = stack.PactorLogLines("into the torrent client as").Count;
        var downloadsAfterFirst = (await stack.PactorRTorrent.ListAsync()).Select(download => download.Hash).Order().ToList();
        Assert.True(loadsAfterFirst == Repo.Packages.Count, $"the first run should load each torrent once, pactor logged {loadsAfterFirst} loads\n{string.Join('\n', firstLogs())}");

        using var second = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, stack.Pactor.ServerTemplate));
        string[] logs() => [second.Describe(), .. stack.Describe()];
        (await second.SyncAsync()).EnsureSuccess(logs());
        var install = (await second.InstallAsync(Repo.PackageNames)).EnsureSuccess(logs());

        output.WriteLine($"second -S of 3 packages (22 MB) from pactor's cache: {install.Duration.TotalMilliseconds:0} ms");
        foreach (var package in Repo.Packages)
        {
            await second.AssertInstalledAsync(package);
            Assert.True(stack.PactorLogLines($"GET {Repo.UrlPath}/{package.FileName} cache 200").Count == 1, $"pactor did not serve {package.FileName} from its cache the second time\n{string.Join('\n', logs())}");
        }

        Assert.True(stack.Upstream.PackageRequests.Count == 0, "a package was fetched from the upstream\n" + string.Join('\n', logs()));
        Assert.True(stack.PactorLogLines("into the torrent client as").Count == loadsAfterFirst, "the second run loaded a torrent again\n" + string.Join('\n', logs()));
        Assert.Equal(downloadsAfterFirst, (await stack.PactorRTorrent.ListAsync()).Select(download => download.Hash).Order().ToList());
    }

    internal static async Task AssertPactorHoldsVerifiedAsync(SwarmMirrorStack stack, BuiltPackage package, Func<string[]> logs)
    {
        var path = stack.CachedPackagePath(package);
        Assert.True(File.Exists(path), $"pactor's cache has no {path}\n{string.Join('\n', logs())}");
        Assert.Equal(package.Sha256, await MakepkgBuilder.Sha256Async(path));
        Assert.True(File.Exists(stack.VerifiedMarkerPath(package)), $"pactor wrote no verified marker {stack.VerifiedMarkerPath(package)}\n{string.Join('\n', logs())}");
        Assert.Contains(package.Sha256, await File.ReadAllTextAsync(stack.VerifiedMarkerPath(package)), StringComparison.Ordinal);
    }

    /// <summary>pactor's own rtorrent: on its private socket, peers on its own address, seeding every package it fetched.</summary>
    private async Task AssertPactorRTorrentSeedsAllAsync(SwarmMirrorStack stack, Func<string[]> logs)
    {
        var rc = await File.ReadAllTextAsync(Path.Combine(stack.PactorRTorrentDirectory, "rtorrent.rc"));
        Assert.Contains($"network.bind_address.set = {LoopbackRoles.PactorRTorrent}", rc, StringComparison.Ordinal);
        Assert.NotEqual(LoopbackRoles.PactorRTorrent, stack.Swarm.Seeder.Address);

        IReadOnlyList<DownloadStatus> downloads = await stack.PactorRTorrent.ListAsync();
        output.WriteLine("pactor's rtorrent: " + string.Join("; ", downloads.Select(download => $"{download.Name} complete={download.IsComplete} label={download.Label}")));
        foreach (var torrent in stack.Swarm.Torrents.Torrents)
        {
            var download = downloads.SingleOrDefault(download => download.Hash == torrent.InfoHash);
            Assert.True(download is { IsComplete: true, Label: "pactor" }, $"pactor's rtorrent does not hold {torrent.Package.FileName} complete\n{string.Join('\n', logs())}");
            Assert.Equal(stack.CachedPackagePath(torrent.Package), download!.BasePath);
        }
    }
}
