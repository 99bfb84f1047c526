using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Pactor;

/// <summary>
/// Issue 12: real pacman through the real <c>pactor serve</c> with two upstreams, the first one sick in each of the ways
/// mirrors die, the second one fine. <c>pacman -Sy</c> and <c>-S</c> must succeed from the good one well inside
/// pacman's 10 s, pacman is never sent to the sick one, and nothing of the sick one is cached.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PactorSickUpstreamTests(PackageRepoFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan WellInside = TimeSpan.FromSeconds(5);

    private PackageRepo Repo => fixture.Repo;

    public static TheoryData<string> Sicknesses() => ["hangs", "resets", "answers 500", "truncates", "redirects in a loop", "trickles 1 byte/s"];

    [Theory]
    [MemberData(nameof(Sicknesses))]
    public async Task With_the_first_upstream_sick_pacman_syncs_and_installs_from_the_second(string sickness)
    {
        await using var sick = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.Upstream);
        await using var good = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.SecondMirror);
        sick.When(_ => true, Behavior(sickness));
        // No rtorrent and no torrents: every package is a 307, which must name the good upstream.
        await using var pactor = await PactorServeProcess.StartAsync(new PactorServeSettings
        {
            Upstreams = [sick.ServerTemplate, good.ServerTemplate],
            RTorrent = "scgi://127.0.0.1:1",
        });
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, pactor.ServerTemplate));
        string[] logs() => [pacman.Describe(), sick.DescribeRequests(), good.DescribeRequests(), pactor.Describe()];

        var sync = (await pacman.SyncAsync()).EnsureSuccess(logs());
        var install = (await pacman.InstallAsync(Repo.PackageNames)).EnsureSuccess(logs());

        output.WriteLine($"{sickness}: -Sy {sync.Duration.TotalMilliseconds:0} ms, -S {install.Duration.TotalMilliseconds:0} ms\n{sick.DescribeRequests()}\n{good.DescribeRequests()}");
        foreach (var package in Repo.Packages)
        {
            await pacman.AssertInstalledAsync(package);
        }

        Assert.True(sync.Duration < WellInside, $"-Sy took {sync.Duration}\n{string.Join('\n', logs())}");
        Assert.True(install.Duration < WellInside, $"-S took {install.Duration}\n{string.Join('\n', logs())}");
        Assert.DoesNotContain(sick.Requests, request => request.UserAgent?.StartsWith("pacman/", StringComparison.Ordinal) == true);
        Assert.Equal(Repo.Packages.Select(package => package.FileName).Order(), good.PackageRequests.Select(request => request.FileName).Order());
        var cached = Path.Combine(pactor.CacheDirectory, "db", Repo.Name, "os", PackageRepo.MachineArch, Repo.Name + ".db");
        Assert.Equal(await File.ReadAllBytesAsync(Repo.DatabasePath), await File.ReadAllBytesAsync(cached));
        // A sick mirror that lost a race holds its temporary file until its own GET gives up (the first-byte timeout).
        var temp = Path.Combine(pactor.CacheDirectory, "tmp");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Directory.Exists(temp) && Directory.EnumerateFiles(temp).Any() && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
        }

        Assert.Empty(Directory.Exists(temp) ? Directory.EnumerateFiles(temp) : []);
    }

    /// <summary>
    /// The benchmark line of issue 12, by hand: <c>PACTOR_SICK_UPSTREAM_RUNS=5 dotnet test --filter FullyQualifiedName~Sy_time</c>
    /// prints min/median/max of <c>pacman -Sy</c> through a fresh pactor whose first of three upstreams hangs.
    /// </summary>
    [Fact]
    public async Task Sy_time_with_the_first_of_three_upstreams_hanging()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("PACTOR_SICK_UPSTREAM_RUNS"), out var n) && n > 0 ? n : 1;
        await using var hanging = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.Upstream);
        await using var second = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.SecondMirror);
        await using var third = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.ExtraPeer);
        hanging.When(_ => true, MirrorBehavior.Stall);
        var times = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            await using var pactor = await PactorServeProcess.StartAsync(new PactorServeSettings
            {
                Upstreams = [hanging.ServerTemplate, second.ServerTemplate, third.ServerTemplate],
                RTorrent = "scgi://127.0.0.1:1",
            });
            using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(Repo.Name, pactor.ServerTemplate));
            var sync = (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), pactor.Describe());
            times.Add(sync.Duration);
        }

        var sorted = times.Order().ToList();
        output.WriteLine($"pacman -Sy, first of three upstreams hanging, {runs} runs: min {sorted[0].TotalMilliseconds:0} ms, median {sorted[sorted.Count / 2].TotalMilliseconds:0} ms, max {sorted[^1].TotalMilliseconds:0} ms");
        // The time is the benchmark's to report (target: median under 2 s), not this test's to assert; what is asserted is
        // that the hanging mirror is asked once per pactor and then skipped, and that -Sy never comes near pacman's 10 s.
        Assert.True(sorted[^1] < TimeSpan.FromSeconds(5), $"-Sy took up to {sorted[^1]}");
        Assert.True(hanging.Requests.Count(request => request.FileName == Repo.Name + ".db") <= runs, hanging.DescribeRequests());
    }

    private static MirrorBehavior Behavior(string sickness) => sickness switch
    {
        "hangs" => MirrorBehavior.Stall,
        "resets" => MirrorBehavior.Reset,
        "answers 500" => MirrorBehavior.Fail(500),
        "truncates" => MirrorBehavior.Truncate,
        "redirects in a loop" => MirrorBehavior.RedirectLoop(),
        "trickles 1 byte/s" => MirrorBehavior.Trickle(1),
        _ => throw new ArgumentOutOfRangeException(nameof(sickness), sickness, null),
    };
}
