using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Pacman;

/// <summary>
/// Real pacman 6.0.2 against <see cref="StaticMirrorServer"/> directly, no pactor: proves the fixtures and records
/// what pacman asks a mirror for. Seen: only GET (never HEAD), <c>User-Agent: pacman/6.0.2 (Linux x86_64)
/// libalpm/13.0.2</c>; <c>-Sy</c> fetches <c>REPO.db</c> (not REPO.files), <c>-S</c> one GET per package, one at a time
/// without ParallelDownloads; a second <c>-Sy</c> sends <c>If-Modified-Since</c> and takes a 304, <c>-Syy</c> does not.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PacmanMirrorTests(PackageRepoFixture fixture, ITestOutputHelper output)
{
    private PackageRepo Repo => fixture.Repo;

    [Fact]
    public async Task Pacman_syncs_and_installs_several_packages_straight_from_the_mirror()
    {
        await using var mirror = await StaticMirrorServer.StartAsync(Repo.MirrorRoot);
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, mirror.ServerTemplate));

        var sync = (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), mirror.DescribeRequests());
        var install = (await pacman.InstallAsync(Repo.PackageNames)).EnsureSuccess(pacman.Describe(), mirror.DescribeRequests());

        output.WriteLine($"pacman -Sy {sync.Duration.TotalMilliseconds:0} ms, -S of 3 packages (22 MB) {install.Duration.TotalMilliseconds:0} ms");
        output.WriteLine(mirror.DescribeRequests());
        foreach (var package in Repo.Packages)
        {
            await pacman.AssertInstalledAsync(package);
            Assert.True(File.Exists(pacman.CachedPath(package)), $"{package.FileName} is not in pacman's cache");
        }

        var requests = mirror.Requests;
        Assert.All(requests, request => Assert.Equal(("GET", 200), (request.Method, request.StatusCode)));
        Assert.All(requests, request => Assert.StartsWith("pacman/6.", request.UserAgent, StringComparison.Ordinal));
        Assert.Equal($"{Repo.UrlPath}/{Repo.Name}.db", Assert.Single(requests, request => request.IsDatabase).Path);
        Assert.Equal(Repo.Packages.Select(package => package.FileName).Order(), mirror.PackageRequests.Select(request => request.FileName).Order());
        Assert.Equal(Repo.Packages.Sum(package => package.Size), mirror.PackageRequests.Sum(request => request.ContentLength));
    }

    [Fact]
    public async Task A_second_sync_asks_if_modified_since_and_takes_the_304_and_a_forced_one_does_not()
    {
        await using var mirror = await StaticMirrorServer.StartAsync(Repo.MirrorRoot);
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, mirror.ServerTemplate));

        (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), mirror.DescribeRequests());
        (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), mirror.DescribeRequests());
        (await pacman.SyncAsync(force: true)).EnsureSuccess(pacman.Describe(), mirror.DescribeRequests());

        output.WriteLine(mirror.DescribeRequests());
        var (first, second, forced) = (mirror.Requests[0], mirror.Requests[1], mirror.Requests[2]);
        Assert.Equal(3, mirror.Requests.Count);
        Assert.Equal((200, (string?)null), (first.StatusCode, first.IfModifiedSince));
        Assert.Equal(304, second.StatusCode);
        Assert.Equal(File.GetLastWriteTimeUtc(Path.Combine(Repo.Directory, $"{Repo.Name}.db.tar.gz")).ToString("r"), second.IfModifiedSince);
        Assert.Equal((200, (string?)null), (forced.StatusCode, forced.IfModifiedSince));
    }

    [Fact]
    public async Task With_siglevel_optional_pacman_asks_for_signatures_and_accepts_their_404()
    {
        await using var mirror = await StaticMirrorServer.StartAsync(Repo.MirrorRoot);
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, mirror.ServerTemplate) with { SigLevel = "Optional" });
        var small = Repo[PackageRepoFixture.Small];

        (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), mirror.DescribeRequests());
        (await pacman.InstallAsync([small.Name])).EnsureSuccess(pacman.Describe(), mirror.DescribeRequests());

        await pacman.AssertInstalledAsync(small);
        Assert.Equal(
            [($"{Repo.Name}.db", 200), ($"{Repo.Name}.db.sig", 404), (small.FileName, 200), ($"{small.FileName}.sig", 404)],
            mirror.Requests.Select(request => (request.FileName, request.StatusCode)));
    }

    [Fact]
    public async Task Pacman_resumes_a_partial_download_with_a_range_request_and_takes_the_206()
    {
        await using var mirror = await StaticMirrorServer.StartAsync(Repo.MirrorRoot);
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, mirror.ServerTemplate));
        var medium = Repo[PackageRepoFixture.Medium];
        (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), mirror.DescribeRequests());
        // What an interrupted download leaves behind: CACHEDIR/FILE.part with the first bytes.
        await File.WriteAllBytesAsync(pacman.CachedPath(medium) + ".part", (await File.ReadAllBytesAsync(Repo.PathOf(medium)))[..1_000_000]);
        mirror.ClearRequests();

        (await pacman.InstallAsync([medium.Name])).EnsureSuccess(pacman.Describe(), mirror.DescribeRequests());

        await pacman.AssertInstalledAsync(medium);
        var request = Assert.Single(mirror.PackageRequests);
        Assert.Equal(("bytes=1000000-", 206, medium.Size - 1_000_000), (request.Range, request.StatusCode, request.ContentLength));
    }
}
