using System.Net;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Processes;
using Pactor.EndToEnd.Tests.Fixtures.Packages;

namespace Pactor.Benchmarks;

/// <summary>
/// Benchmark 2, cache hit: wrk (-t2 -c16) against pactor serving a verified cached package and against nginx
/// serving the same file from disk, both on this machine; rounds alternate which server goes first. The file gets
/// into pactor's cache through the swarm (one cache-miss GET), then the seeder is stopped. A bare Kestrel serving
/// the file with the same <c>Results.File</c> (<see cref="KestrelFloor"/>) runs alongside: it splits the gap into what
/// pactor's own per-request work costs and what Kestrel's file sending costs. And pactor behind nginx
/// (<c>--accel-redirect</c>): the same pactor decides every request, nginx sends the file with sendfile. And README's
/// whole "Behind nginx": nginx answers hits from pactor's public tree itself and sends its access log to pactor
/// (<c>--access-log-socket</c>), which counts them.
/// </summary>
public static class CacheHitBenchmark
{
    private const int Threads = 2;
    private const int Connections = 16;
    private const int WarmUpSeconds = 2;

    /// <summary>pactor behind nginx (README, "Behind nginx"): every request passes pactor, nginx sends the file.</summary>
    private const string Fronted = "pactor+nginx";

    /// <summary>nginx answering hits from pactor's public tree, its access log sent to pactor (README, "Behind nginx").</summary>
    private const string PublicTree = "nginx+tree";

    private static readonly (string Label, long Bytes)[] Files = [("1MB", 1_000_000), ("50MB", 50_000_000)];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var report = new BenchReport("cache-hit", options.ResultsDirectory);
        var specs = Files.Select((file, index) => TestPackageSpec.WithPayload($"bench-{file.Label.ToLowerInvariant()}", file.Bytes, 300 + index)).ToList();
        report.Line($"cache hit: pactor vs nginx (and a bare Kestrel), wrk -t{Threads} -c{Connections} -d{options.Seconds}s, {options.Rounds} rounds per file and server (after a {WarmUpSeconds} s warm-up each)");
        await using var mirror = await BenchMirror.StartAsync("bench-hit", specs, seeded: true);
        using var sockets = TempDirectory.Create("bench-hit-socket");
        var accessLogSocket = Path.Combine(sockets.Path, "access.sock");
        await using var pactor = await PactorUnderTest.StartAsync(mirror, options, accelRedirect: NginxServer.AccelPrefix, accessLogSocket: accessLogSocket);
        foreach (var package in mirror.Repo.Packages)
        {
            // The first GET goes through the swarm, the second is a cache hit.
            await ExpectAsync(pactor, mirror, package);
            await ExpectAsync(pactor, mirror, package);
        }

        await mirror.StopSeederAsync();
        await using var nginx = await NginxServer.ServeDirectoryAsync(mirror.MirrorRoot, IPAddress.Parse("127.0.0.4"), Environment.ProcessorCount);
        await using var floor = await KestrelFloor.StartAsync(mirror.MirrorRoot, IPAddress.Parse("127.0.0.5"));
        await using var front = await NginxServer.FrontAsync(pactor.Process.BaseUrl, pactor.Process.CacheDirectory, IPAddress.Parse("127.0.0.6"), Environment.ProcessorCount);
        await using var tree = await NginxServer.FrontWithPublicTreeAsync(pactor.Process.BaseUrl, pactor.Process.CacheDirectory, accessLogSocket, IPAddress.Parse("127.0.0.7"), Environment.ProcessorCount);
        var servers = new[] { ("pactor", pactor.Process.BaseUrl), ("nginx", nginx.BaseUrl), ("kestrel", floor.BaseUrl), (Fronted, front.BaseUrl), (PublicTree, tree.BaseUrl) };
        foreach (var package in mirror.Repo.Packages)
        {
            // Through either front, the bytes come from nginx: the whole file, as pactor named it or linked it.
            foreach (var server in new[] { front, tree })
            {
                var bytes = await pactor.Http.GetByteArrayAsync(new Uri(server.BaseUrl, mirror.UrlPathOf(package).TrimStart('/')));
                if (bytes.LongLength != package.Size)
                {
                    throw new InvalidOperationException($"{package.FileName} through nginx: {bytes.LongLength} bytes, wanted {package.Size}\n{server.Describe()}\n{pactor.Describe()}");
                }
            }
        }

        foreach (var (label, _) in Files)
        {
            var path = mirror.UrlPathOf(mirror.Repo[$"bench-{label.ToLowerInvariant()}"]).TrimStart('/');
            foreach (var (server, baseUrl) in servers)
            {
                await WrkRun.RunAsync(server, label, 0, new Uri(baseUrl, path), Threads, Connections, WarmUpSeconds);
            }
        }

        var runs = new List<WrkRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var (label, _) in Files)
            {
                var path = mirror.UrlPathOf(mirror.Repo[$"bench-{label.ToLowerInvariant()}"]).TrimStart('/');
                // Rotate which server goes first, so that none always runs on the coolest machine.
                foreach (var (server, baseUrl) in servers.Skip(round % servers.Length).Concat(servers.Take(round % servers.Length)))
                {
                    var run = await WrkRun.RunAsync(server, label, round, new Uri(baseUrl, path), Threads, Connections, options.Seconds);
                    runs.Add(run);
                    Console.WriteLine($"  round {round} {label,4} {server,-6}: {run.RequestsPerSecond,9:0.0} req/s {run.BytesPerSecond / 1e6,8:0.0} MB/s p50 {run.P50Ms:0.00} ms p99 {run.P99Ms:0.00} ms errors {run.Errors}");
                }
            }
        }

        Summarize(report, runs);
        await report.SaveAsync(new { benchmark = "cache-hit", machine = BenchReport.Machine(), threads = Threads, connections = Connections, seconds = options.Seconds, runs });
        return 0;
    }

    /// <summary>A 200 with the whole file, from the swarm (pactor logged the verification) and never from the upstream.</summary>
    private static async Task ExpectAsync(PactorUnderTest pactor, BenchMirror mirror, BuiltPackage package)
    {
        var transfer = await pactor.GetAsync(mirror.UrlPathOf(package));
        if (transfer.Status != HttpStatusCode.OK || transfer.Bytes != package.Size || mirror.Upstream.PackageRequests.Count > 0)
        {
            throw new InvalidOperationException(
                $"{package.FileName}: wanted 200 with {package.Size} bytes from the swarm or cache, got {(int)transfer.Status} ({transfer.Bytes} bytes)\n" +
                $"{pactor.Describe()}\n{mirror.Upstream.DescribeRequests()}");
        }

        await pactor.Process.Process.WaitForOutputAsync($"Verified {mirror.Repo.UrlPath.TrimStart('/')}/{package.FileName} from the swarm", TimeSpan.FromSeconds(5));
    }

    private static void Summarize(BenchReport report, List<WrkRun> runs)
    {
        report.Line();
        foreach (var (label, _) in Files)
        {
            report.Line($"{label}:");
            List<WrkRun> Of(string server) => [.. runs.Where(r => r.File == label && r.Server == server).OrderBy(r => r.Round)];
            foreach (var server in new[] { "pactor", "nginx", "kestrel", Fronted, PublicTree })
            {
                var mine = Of(server);
                report.Line($"  {server,-7} requests/s {Distribution.Of(mine.Select(r => r.RequestsPerSecond)).Format("req/s")}");
                report.Line($"  {server,-7} bytes/s    {Distribution.Of(mine.Select(r => r.BytesPerSecond / 1e6)).Format("MB/s")}");
                report.Line($"  {server,-7} latency    p50 {Distribution.Of(mine.Select(r => r.P50Ms)).Format("ms", "0.00")}, p99 {Distribution.Of(mine.Select(r => r.P99Ms)).Format("ms", "0.00")}");
                if (mine.Sum(r => r.Errors) is var errors and > 0)
                {
                    report.Line($"  {server,-7} ERRORS: {errors} (non-2xx/3xx, timeouts, socket errors)");
                }
            }

            foreach (var served in new[] { "pactor", Fronted, PublicTree })
            {
                var target = Distribution.Of(Of(served).Zip(Of("nginx")).Select(p => p.First.RequestsPerSecond / p.Second.RequestsPerSecond)).Median;
                report.Line($"  target {served}/nginx >= 0.9: {(target >= 0.9 ? "met" : "NOT met")} (median {target:0.00})");
            }

            foreach (var (top, bottom) in new[] { ("pactor", "nginx"), (Fronted, "nginx"), (PublicTree, "nginx"), ("pactor", "kestrel"), ("kestrel", "nginx") })
            {
                var pairs = Of(top).Zip(Of(bottom)).ToList();
                report.Line($"  ratio {top}/{bottom} per round: requests/s {Distribution.Of(pairs.Select(p => p.First.RequestsPerSecond / p.Second.RequestsPerSecond)).Format("", "0.00")}, " +
                    $"bytes/s {Distribution.Of(pairs.Select(p => p.First.BytesPerSecond / p.Second.BytesPerSecond)).Format("", "0.00")}");
            }
        }
    }
}
