using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Pactor;

/// <summary>Real pacman through the real <c>pactor serve</c> with no swarm at all: everything must still arrive, from the upstream.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PactorServeFallbackTests(PackageRepoFixture fixture, ITestOutputHelper output)
{
    private PackageRepo Repo => fixture.Repo;

    [Fact]
    public async Task Without_torrents_or_rtorrent_pacman_gets_the_database_through_pactor_and_each_package_by_a_307_to_the_upstream()
    {
        await using var upstream = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.Upstream);
        // Port 1 on loopback: nothing listens, so rtorrent is unreachable (and the repo has no .torrent files anyway).
        await using var pactor = await PactorServeProcess.StartAsync(new PactorServeSettings
        {
            Upstreams = [upstream.ServerTemplate],
            RTorrent = "scgi://127.0.0.1:1",
        });
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, pactor.ServerTemplate));
        string[] logs() => [pacman.Describe(), upstream.DescribeRequests(), pactor.Describe()];

        var sync = (await pacman.SyncAsync()).EnsureSuccess(logs());
        var install = (await pacman.InstallAsync(Repo.PackageNames)).EnsureSuccess(logs());

        output.WriteLine($"-Sy {sync.Duration.TotalMilliseconds:0} ms, -S {install.Duration.TotalMilliseconds:0} ms\n{upstream.DescribeRequests()}\n{pactor.Describe()}");
        foreach (var package in Repo.Packages)
        {
            await pacman.AssertInstalledAsync(package);
        }

        // The database came from pactor (its own request upstream), the packages from the upstream after pactor's 307.
        var database = Assert.Single(upstream.Requests, request => request.IsDatabase);
        Assert.DoesNotContain("pacman", database.UserAgent ?? string.Empty, StringComparison.Ordinal);
        Assert.All(upstream.PackageRequests, request => Assert.StartsWith("pacman/", request.UserAgent, StringComparison.Ordinal));
        Assert.Equal(Repo.Packages.Select(package => package.FileName).Order(), upstream.PackageRequests.Select(request => request.FileName).Order());
        Assert.All(upstream.Requests.Where(request => request.IsTorrent), request => Assert.Equal(404, request.StatusCode));
        Assert.True(install.Duration < TimeSpan.FromSeconds(5), $"the fallback must be immediate, not after --hedge-after; -S took {install.Duration}");
    }
}
