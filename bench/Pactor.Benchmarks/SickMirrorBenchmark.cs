using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pacman;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;

namespace Pactor.Benchmarks;

/// <summary>
/// Benchmark 6, a sick mirror (issue 12): the time of a real <c>pacman -Sy</c> through a fresh <c>pactor serve</c>
/// (fresh cache, so the database is a cache miss) with three upstreams, in two worlds per run: all three answering,
/// and the first one hanging (it accepts the connection and never answers, as a dead mirror behind a live load
/// balancer does). Target: under 2 s with the first hanging. No rtorrent: <c>-Sy</c> touches only databases.
/// </summary>
public static class SickMirrorBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var report = new BenchReport("sick-mirror", options.ResultsDirectory);
        report.Line($"sick mirror: {options.Runs} runs; building the repo with makepkg...");
        using var work = TempDirectory.Create("bench-sick");
        var build = await MakepkgBuilder.BuildAsync([TestPackageSpec.WithPayload("bench-sick", 100_000, 61)], work.Sub("built"));
        var repo = await PackageRepo.CreateAsync(work.Sub("mirror"), BenchMirror.RepoName, build);
        await using var first = await StaticMirrorServer.StartAsync(repo.MirrorRoot, LoopbackRoles.Upstream);
        await using var second = await StaticMirrorServer.StartAsync(repo.MirrorRoot, LoopbackRoles.SecondMirror);
        await using var third = await StaticMirrorServer.StartAsync(repo.MirrorRoot, LoopbackRoles.ExtraPeer);
        string[] upstreams = [first.ServerTemplate, second.ServerTemplate, third.ServerTemplate];

        var healthy = new List<double>();
        var hanging = new List<double>();
        var hangingGets = 0;
        for (var run = 1; run <= options.Runs; run++)
        {
            first.ServeEverything();
            var fine = await SyncAsync(repo, upstreams, options, $"sick-mirror-run{run}-healthy");
            first.When(_ => true, MirrorBehavior.Stall);
            var before = DatabaseGets(first, repo);
            var sick = await SyncAsync(repo, upstreams, options, $"sick-mirror-run{run}-hanging");
            hangingGets += DatabaseGets(first, repo) - before;
            healthy.Add(fine);
            hanging.Add(sick);
            Console.WriteLine($"  run {run,2}: -Sy {fine,6:0} ms with three answering, {sick,6:0} ms with the first hanging");
        }

        report.Line($"pactor {BenchReport.Revision}; load average {BenchReport.LoadAverage()}");
        report.Line($"pacman -Sy, a fresh pactor per run, three upstreams, all answering:   {Distribution.Of(healthy).Format("ms", "0")}");
        report.Line($"pacman -Sy, a fresh pactor per run, three upstreams, first hanging:   {Distribution.Of(hanging).Format("ms", "0")} (target: under 2000 ms)");
        report.Line($"GETs of {repo.Name}.db the hanging mirror accepted: {hangingGets} in {options.Runs} runs (one per pactor at most)");
        await report.SaveAsync(new { benchmark = "sick-mirror", machine = BenchReport.Machine(), healthyMs = healthy, hangingMs = hanging });
        return 0;
    }

    private static int DatabaseGets(StaticMirrorServer mirror, PackageRepo repo) =>
        mirror.Requests.Count(request => request.FileName == repo.Name + ".db");

    private static async Task<double> SyncAsync(PackageRepo repo, string[] upstreams, BenchOptions options, string logName)
    {
        await using var pactor = await PactorServeProcess.StartAsync(new PactorServeSettings
        {
            Upstreams = upstreams,
            RTorrent = "scgi://127.0.0.1:1",
        });
        using var pacman = PacmanRunner.Create(PacmanConfig.ForRepo(repo.Name, pactor.ServerTemplate));
        var sync = (await pacman.SyncAsync()).EnsureSuccess(pacman.Describe(), pactor.Describe());
        if (options.KeepLogs)
        {
            await File.WriteAllTextAsync(options.LogPath(logName), pactor.Describe());
        }

        return sync.Duration.TotalMilliseconds;
    }
}
