using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Benchmarks;

/// <summary>
/// Benchmark 1, cache miss overhead. For each size and run: (a) a fresh rtorrent (pactor's client rc template, its
/// own loopback address) loads the torrent and completes it on its own; (b) a fresh pactor (fresh cache, its own
/// rtorrent) answers an HTTP GET for the same package, timed to the last byte. Overhead = (b) − (a) per run.
/// "cold" is the first swarm download of each process; "warm" a second package of the same size right after it,
/// in the same process (the JIT and connections warmed by the first).
/// </summary>
public static partial class CacheMissBenchmark
{
    private static readonly (string Label, long Bytes)[] Sizes = [("200KB", 200_000), ("2MB", 2_000_000), ("20MB", 20_000_000)];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var report = new BenchReport("cache-miss", options.ResultsDirectory);
        var specs = Sizes.SelectMany((size, index) => new[]
        {
            TestPackageSpec.WithPayload(NameOf(size.Label, "cold"), size.Bytes, 100 + index),
            TestPackageSpec.WithPayload(NameOf(size.Label, "warm"), size.Bytes, 200 + index),
        }).ToList();
        report.Line($"cache miss: {options.Runs} runs per size; building {specs.Count} packages with makepkg...");
        await using var mirror = await BenchMirror.StartAsync("bench-miss", specs, seeded: true);
        foreach (var package in mirror.Repo.Packages)
        {
            var torrent = mirror.Torrents[package.Name];
            report.Line($"  {package.FileName}: {package.Size} bytes, {torrent.PieceCount} pieces of {torrent.PieceLength / 1024} KiB");
        }

        var samples = new List<MissSample>();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var (label, _) in Sizes)
            {
                var cold = mirror.Repo[NameOf(label, "cold")];
                var warm = mirror.Repo[NameOf(label, "warm")];
                var alone = await RTorrentAloneAsync(mirror, cold, warm, options.AlonePollEvery);
                var through = await ThroughPactorAsync(mirror, options, cold, warm, options.KeepLogs ? options.LogPath($"miss-{label}-run{run}") : null);
                var sample = new MissSample(label, run, alone.Cold.Complete.TotalMilliseconds, alone.Warm.Complete.TotalMilliseconds,
                    alone.Cold.Load.TotalMilliseconds, through.Cold.TotalMilliseconds, through.Warm.TotalMilliseconds,
                    through.VerifiedColdMs, through.VerifiedWarmMs);
                samples.Add(sample);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run,2} {label,5}: rtorrent {sample.RTorrentColdMs,6:0.0} / {sample.RTorrentWarmMs,6:0.0} ms, pactor {sample.PactorColdMs,6:0.0} / {sample.PactorWarmMs,6:0.0} ms (cold / warm)"));
            }
        }

        Summarize(report, options, samples);
        await report.SaveAsync(new { benchmark = "cache-miss", machine = BenchReport.Machine(), samples });
        return 0;
    }

    private static string NameOf(string size, string which) => $"bench-{size.ToLowerInvariant()}-{which}";

    private static async Task<((TimeSpan Complete, TimeSpan Load, TimeSpan? Hook) Cold, (TimeSpan Complete, TimeSpan Load, TimeSpan? Hook) Warm)> RTorrentAloneAsync(
        BenchMirror mirror, BuiltPackage cold, BuiltPackage warm, TimeSpan? pollEvery)
    {
        using var signals = TempDirectory.Create("signals");
        await using var rtorrent = await RTorrentDaemon.StartAsync(SwarmTimer.ClientTemplateSignalingTo(signals.Path), unixSocket: true);
        var first = await SwarmTimer.CompleteAsync(rtorrent, signals.Path, mirror.Torrents[cold.Name], pollEvery);
        var second = await SwarmTimer.CompleteAsync(rtorrent, signals.Path, mirror.Torrents[warm.Name], pollEvery);
        return (first, second);
    }

    private static async Task<(TimeSpan Cold, TimeSpan Warm, double? VerifiedColdMs, double? VerifiedWarmMs)> ThroughPactorAsync(
        BenchMirror mirror, BenchOptions options, BuiltPackage cold, BuiltPackage warm, string? logPath)
    {
        await using var pactor = await PactorUnderTest.StartAsync(mirror, options);
        var first = await FetchAsync(pactor, mirror, cold);
        var second = await FetchAsync(pactor, mirror, warm);
        // The console logger writes asynchronously: wait for both verification lines before reading them.
        foreach (var package in new[] { cold, warm })
        {
            await pactor.Process.Process.WaitForOutputAsync($"{package.FileName} from the swarm after", TimeSpan.FromSeconds(5));
        }

        var log = pactor.Describe();
        if (logPath is not null)
        {
            await File.WriteAllTextAsync(logPath, log);
        }

        return (first, second, VerifiedAfter(log, cold), VerifiedAfter(log, warm));
    }

    private static async Task<TimeSpan> FetchAsync(PactorUnderTest pactor, BenchMirror mirror, BuiltPackage package)
    {
        var transfer = await pactor.GetAsync(mirror.UrlPathOf(package));
        if (transfer.Status != HttpStatusCode.OK || transfer.Bytes != package.Size || mirror.Upstream.PackageRequests.Count > 0)
        {
            throw new InvalidOperationException(
                $"{package.FileName}: pactor answered {(int)transfer.Status} with {transfer.Bytes} bytes (want 200, {package.Size}); " +
                $"not a swarm transfer.\n{pactor.Describe()}\n{mirror.Upstream.DescribeRequests()}");
        }

        return transfer.TimeToLastByte;
    }

    // pactor's own view: from the request that started the download to the verified file.
    private static double? VerifiedAfter(string log, BuiltPackage package)
    {
        var match = VerifiedLine().Matches(log).FirstOrDefault(m => m.Groups["file"].Value.EndsWith(package.FileName, StringComparison.Ordinal));
        return match is null ? null : double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture);
    }

    private static void Summarize(BenchReport report, BenchOptions options, List<MissSample> samples)
    {
        report.Line();
        var alone = options.AlonePollEvery is { } poll ? $"d.complete polled every {poll.TotalMilliseconds:0} ms" : "not polled, finish hook";
        report.Line($"(a) rtorrent alone, load -> d.complete==1 ({alone}); (b) GET through a fresh pactor (Pactor:PollInterval {options.PactorPollInterval ?? "default"}), time to last byte; overhead = (b) - (a) per run");
        foreach (var (label, _) in Sizes)
        {
            var mine = samples.Where(sample => sample.Size == label).ToList();
            report.Line($"{label}:");
            report.Line($"  cold (first download of a fresh process):");
            report.Line($"    (a) rtorrent      {Distribution.Of(mine.Select(s => s.RTorrentColdMs)).Format("ms")}");
            report.Line($"        of it load    {Distribution.Of(mine.Select(s => s.RTorrentLoadMs)).Format("ms")}");
            report.Line($"    (b) pactor TTLB   {Distribution.Of(mine.Select(s => s.PactorColdMs)).Format("ms")}");
            report.Line($"    overhead (b)-(a)  {Distribution.Of(mine.Select(s => s.PactorColdMs - s.RTorrentColdMs)).Format("ms")}");
            ReportVerified(report, mine.Select(s => s.PactorVerifiedColdMs));
            report.Line($"  warm (second package of the same size, same processes):");
            report.Line($"    (a) rtorrent      {Distribution.Of(mine.Select(s => s.RTorrentWarmMs)).Format("ms")}");
            report.Line($"    (b) pactor TTLB   {Distribution.Of(mine.Select(s => s.PactorWarmMs)).Format("ms")}");
            report.Line($"    overhead (b)-(a)  {Distribution.Of(mine.Select(s => s.PactorWarmMs - s.RTorrentWarmMs)).Format("ms")}");
            ReportVerified(report, mine.Select(s => s.PactorVerifiedWarmMs));
            var cold = Distribution.Of(mine.Select(s => s.PactorColdMs - s.RTorrentColdMs)).Median;
            var warm = Distribution.Of(mine.Select(s => s.PactorWarmMs - s.RTorrentWarmMs)).Median;
            report.Line($"  target median overhead <= {TargetMs} ms: cold {Verdict(cold)} ({cold:0} ms), warm {Verdict(warm)} ({warm:0} ms)");
        }
    }

    private const double TargetMs = 100;

    private static string Verdict(double medianMs) => medianMs <= TargetMs ? "met" : "NOT met";

    private static void ReportVerified(BenchReport report, IEnumerable<double?> verified)
    {
        var known = verified.OfType<double>().ToList();
        if (known.Count > 0)
        {
            report.Line($"    pactor's log: request -> verified  {Distribution.Of(known).Format("ms", "0")}");
        }
    }

    [GeneratedRegex(@"Verified (?<file>\S+) from the swarm after (?<ms>[0-9.]+) ms")]
    private static partial Regex VerifiedLine();
}
