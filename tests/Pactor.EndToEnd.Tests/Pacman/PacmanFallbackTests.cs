using System.Diagnostics;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Pacman;

/// <summary>
/// The pacman behaviours pactor's fallback design rests on: it follows a 307 to another mirror, it moves to the
/// next <c>Server</c> at once on an error status, and it gives up on a silent server after 10 s.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PacmanFallbackTests(PackageRepoFixture fixture, ITestOutputHelper output)
{
    private PackageRepo Repo => fixture.Repo;

    private BuiltPackage Small => Repo[PackageRepoFixture.Small];

    [Fact]
    public async Task Pacman_follows_a_307_to_another_mirror_and_asks_the_target_for_the_signature()
    {
        await using var target = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.SecondMirror);
        await using var redirecting = await StaticMirrorServer.StartAsync(Repo.MirrorRoot);
        redirecting.WhenPackage(MirrorBehavior.RedirectTo(target.BaseUrl));
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, redirecting.ServerTemplate) with { SigLevel = "Optional" });

        (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), redirecting.DescribeRequests());
        var install = (await pacman.InstallAsync([Small.Name])).EnsureSuccess(pacman.Describe(), redirecting.DescribeRequests(), target.DescribeRequests());

        output.WriteLine($"-S through a 307: {install.Duration.TotalMilliseconds:0} ms\n{redirecting.DescribeRequests()}\n{target.DescribeRequests()}");
        await pacman.AssertInstalledAsync(Small);
        Assert.Equal(307, Assert.Single(redirecting.PackageRequests).StatusCode);
        Assert.Equal(200, Assert.Single(target.PackageRequests).StatusCode);
        // The .sig goes to the redirect target's URL + ".sig", not to the first server.
        Assert.Contains(target.Requests, request => request.FileName == Small.FileName + ".sig");
        Assert.DoesNotContain(redirecting.Requests, request => request.FileName == Small.FileName + ".sig");
    }

    [Theory]
    [InlineData(404)]
    [InlineData(504)]
    public async Task An_error_status_moves_pacman_to_the_next_server_at_once(int status)
    {
        await using var failing = await StaticMirrorServer.StartAsync(Repo.MirrorRoot);
        await using var next = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.SecondMirror);
        failing.WhenPackage(MirrorBehavior.Fail(status));
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, failing.ServerTemplate, next.ServerTemplate));

        (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), failing.DescribeRequests());
        var install = (await pacman.InstallAsync([Small.Name])).EnsureSuccess(pacman.Describe(), failing.DescribeRequests(), next.DescribeRequests());

        output.WriteLine($"-S with a {status} first: {install.Duration.TotalMilliseconds:0} ms");
        await pacman.AssertInstalledAsync(Small);
        Assert.Equal(status, Assert.Single(failing.PackageRequests).StatusCode);
        Assert.Equal(200, Assert.Single(next.PackageRequests).StatusCode);
        Assert.True(install.Duration < TimeSpan.FromSeconds(3), $"took {install.Duration}");
    }

    /// <summary>SLOW (~10 s, by design): pacman's own stall limit, the budget pactor's --hedge-after must fit in.</summary>
    [Fact]
    public async Task A_silent_server_costs_pacman_10_seconds_then_it_uses_the_next_server()
    {
        await using var silent = await StaticMirrorServer.StartAsync(Repo.MirrorRoot);
        await using var next = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.SecondMirror);
        silent.WhenPackage(MirrorBehavior.Stall);
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, silent.ServerTemplate, next.ServerTemplate));
        (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), silent.DescribeRequests());

        var clock = Stopwatch.StartNew();
        var install = (await pacman.InstallAsync([Small.Name])).EnsureSuccess(pacman.Describe(), silent.DescribeRequests(), next.DescribeRequests());

        output.WriteLine($"-S with a silent first server: {clock.Elapsed.TotalSeconds:0.00} s\n{silent.DescribeRequests()}\n{next.DescribeRequests()}");
        await pacman.AssertInstalledAsync(Small);
        var stalled = Assert.Single(silent.PackageRequests);
        Assert.Equal((0, true), (stalled.StatusCode, stalled.Aborted));
        Assert.InRange(stalled.Duration, TimeSpan.FromSeconds(9.5), TimeSpan.FromSeconds(12));
        Assert.Equal(200, Assert.Single(next.PackageRequests).StatusCode);
        Assert.InRange(install.Duration, TimeSpan.FromSeconds(9.5), TimeSpan.FromSeconds(15));
    }
}
