using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Swarm;

/// <summary>
/// A passing fault is not a fallback (issue 11): the torrent source resets pactor's first <c>GET FILE.torrent</c>,
/// pactor asks again after a short backoff, and pacman still gets the package from the swarm, not a 307.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PactorSwarmRetryTests(PackageRepoFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _trees = TempDirectory.Create("swarm-retry");

    private PackageRepo Repo => fixture.Repo;

    public void Dispose() => _trees.Dispose();

    [Fact]
    public async Task A_torrent_GET_reset_once_is_retried_and_pacman_gets_the_package_from_the_swarm()
    {
        await using var stack = await SwarmMirrorStack.StartAsync(Repo.CopyTo(_trees.Sub("seeder")), Repo.MirrorRoot);
        var package = Repo[PackageRepoFixture.Small];
        var torrentPath = $"{Repo.UrlPath}/{package.FileName}.torrent";
        stack.TorrentSource.WhenFirst(path => path == torrentPath, MirrorBehavior.Reset);
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, stack.Pactor.ServerTemplate));
        string[] logs() => [pacman.Describe(), .. stack.Describe()];

        (await pacman.SyncAsync()).EnsureSuccess(logs());
        var install = (await pacman.InstallAsync([package.Name])).EnsureSuccess(logs());

        output.WriteLine($"-S of {package.FileName} with its first .torrent GET reset: {install.Duration.TotalMilliseconds:0} ms");
        await pacman.AssertInstalledAsync(package);
        var torrentGets = stack.TorrentSource.Requests.Where(request => request.Path == torrentPath).ToList();
        Assert.True(
            torrentGets is [{ Behavior: MirrorBehaviorKind.Reset, Aborted: true }, { StatusCode: 200, Aborted: false }],
            $"expected one reset .torrent GET, then one served\n{string.Join('\n', logs())}");
        var retries = stack.PactorLogLines("; retry ");
        Assert.True(retries is [var retry] && retry.Contains($"{package.FileName}.torrent failed", StringComparison.Ordinal) && retry.Contains("; retry 1 in ", StringComparison.Ordinal), "pactor did not log one retry of the .torrent\n" + string.Join('\n', logs()));
        Assert.True(stack.PactorLogLines($"GET {Repo.UrlPath}/{package.FileName} swarm 200").Count == 1, $"pactor did not serve {package.FileName} from the swarm\n{string.Join('\n', logs())}");
        Assert.True(stack.PactorLogLines("Falling back for").Count == 0, "pactor fell back\n" + string.Join('\n', logs()));
        Assert.True(stack.Upstream.PackageRequests.Count == 0, "a package was fetched from the upstream, not the swarm\n" + string.Join('\n', logs()));
        await PactorSwarmInstallTests.AssertPactorHoldsVerifiedAsync(stack, package, logs);
    }
}
