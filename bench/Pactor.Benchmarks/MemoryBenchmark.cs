using System.Diagnostics;
using System.Globalization;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures.Packages;

namespace Pactor.Benchmarks;

/// <summary>
/// Benchmark 3, memory: a fresh pactor gets 200 concurrent GETs for 20 packages whose torrents exist (published,
/// whitelisted by the tracker) but have no seeder, so every request waits until the hedge deadline (5 s) and gets a
/// 307. pactor's VmRSS/VmHWM are sampled every <see cref="SampleEvery"/> while they wait; the peak while waiting is
/// the VmHWM of the last sample taken before the first answer arrived. A second wave of the same 200 requests in the
/// same process (joining the still running downloads) tells warm-up costs from per-request memory.
/// </summary>
public static class MemoryBenchmark
{
    private const int Packages = 20;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var report = new BenchReport("memory", options.ResultsDirectory);
        var requests = options.Requests;
        var specs = Enumerable.Range(1, Packages)
            .Select(i => TestPackageSpec.WithPayload(string.Create(CultureInfo.InvariantCulture, $"bench-idle-{i:00}"), 1_000_000, 400 + i)).ToList();
        report.Line($"memory: {requests} concurrent requests on {Packages} unseeded downloads (1 MB packages), {options.Rounds} rounds, fresh pactor each");
        await using var mirror = await BenchMirror.StartAsync("bench-memory", specs, seeded: false);
        var samples = new List<MemorySample>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var sample = await RoundAsync(mirror, options, round);
            samples.Add(sample);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: idle RSS {sample.IdleRssMb:0.0} MiB, peak while waiting {sample.PeakWhileWaitingMb:0.0} MiB, wave 2 {sample.WaveTwoMaxRssMb:0.0} MiB, after {sample.PeakAfterMb:0.0} MiB, threads {sample.IdleThreads} -> {sample.MaxThreadsWhileWaiting}, {sample.Redirects} x 307 after {sample.FirstAnswerMs:0}-{sample.LastAnswerMs:0} ms, {sample.Loads} loads"));
        }

        report.Line();
        report.Line($"pactor process (dotnet pactor.dll serve), MiB:");
        report.Line($"  idle after start + REPO.db   VmRSS {Distribution.Of(samples.Select(s => s.IdleRssMb)).Format("MiB")}");
        report.Line($"  peak while {requests} requests wait VmHWM {Distribution.Of(samples.Select(s => s.PeakWhileWaitingMb)).Format("MiB")}");
        report.Line($"  growth over idle                   {Distribution.Of(samples.Select(s => s.PeakWhileWaitingMb - s.IdleRssMb)).Format("MiB")}");
        report.Line($"    of it anonymous (GC heap, JIT)   {Distribution.Of(samples.Select(s => s.WaitingAnonymousMb - s.IdleAnonymousMb)).Format("MiB")}");
        report.Line($"    of it file-backed (assemblies)   {Distribution.Of(samples.Select(s => s.WaitingFileMb - s.IdleFileMb)).Format("MiB")}");
        report.Line($"  wave 2 (same {requests} requests again, same process), max VmRSS {Distribution.Of(samples.Select(s => s.WaveTwoMaxRssMb)).Format("MiB")}");
        report.Line($"  peak including the 307 answers     {Distribution.Of(samples.Select(s => s.PeakAfterMb)).Format("MiB")}");
        report.Line($"  threads idle -> max while waiting  {Distribution.Of(samples.Select(s => (double)s.IdleThreads)).Format("", "0")} -> {Distribution.Of(samples.Select(s => (double)s.MaxThreadsWhileWaiting)).Format("", "0")}");
        if (samples.Select(s => s.RTorrentPeakMb).OfType<double>().ToList() is { Count: > 0 } rtorrent)
        {
            report.Line($"  (pactor's rtorrent, separate process, VmHWM {Distribution.Of(rtorrent).Format("MiB")})");
        }

        report.Line($"  answers: {samples.Sum(s => s.Redirects)} x 307 of {samples.Count * requests * 2} (2 waves); loads into rtorrent per round {Distribution.Of(samples.Select(s => (double)s.Loads)).Format("", "0")}; first/last answer {Distribution.Of(samples.Select(s => s.FirstAnswerMs)).Format("ms", "0")} / {Distribution.Of(samples.Select(s => s.LastAnswerMs)).Format("ms", "0")}");
        await report.SaveAsync(new { benchmark = "memory", machine = BenchReport.Machine(), requests, packages = Packages, samples });
        return 0;
    }

    private static async Task<MemorySample> RoundAsync(BenchMirror mirror, BenchOptions options, int round)
    {
        await using var pactor = await PactorUnderTest.StartAsync(mirror, options);
        var idle = ProcessStatus.Read(pactor.Pid);
        var first = await WaveAsync(pactor, mirror, options.Requests, round);
        // The downloads are still in flight after the 307s (the torrents keep going): wave 2 joins them, no new loads.
        var second = await WaveAsync(pactor, mirror, options.Requests, round);
        var after = ProcessStatus.Read(pactor.Pid);
        var rtorrent = ProcessStatus.Children(pactor.Pid).Where(pid => ProcessStatus.CommandOf(pid).Contains("rtorrent", StringComparison.Ordinal))
            .Select(pid => (double?)ProcessStatus.Read(pid).PeakRssMb).FirstOrDefault();
        // DownloadCoordinator logs "Loaded FILE into the torrent client as HASH" once per load: single-flight means 20.
        var loads = pactor.Describe().Split('\n').Count(line => line.Contains(" into the torrent client as ", StringComparison.Ordinal));
        var waiting = first.BeforeFirstAnswer;
        return new MemorySample(round, idle.RssMb, idle.AnonymousKb / 1024.0, idle.FileKb / 1024.0,
            waiting.PeakRssMb, waiting.AnonymousKb / 1024.0, waiting.FileKb / 1024.0, second.MaxRssKb / 1024.0, after.PeakRssMb,
            idle.Threads, Math.Max(first.MaxThreads, second.MaxThreads), rtorrent, first.Transfers.Count(IsRedirect) + second.Transfers.Count(IsRedirect),
            loads, first.FirstAnswerMs, first.LastAnswerMs);
    }

    private static bool IsRedirect(Transfer transfer) => transfer.Status == HttpStatusCode.TemporaryRedirect;

    private static async Task<WaveResult> WaveAsync(PactorUnderTest pactor, BenchMirror mirror, int count, int round)
    {
        var packages = mirror.Repo.Packages;
        var clock = Stopwatch.StartNew();
        var answered = new List<double>();
        var requests = Enumerable.Range(0, count).Select(async i =>
        {
            var transfer = await pactor.GetAsync(mirror.UrlPathOf(packages[i % packages.Count]));
            lock (answered)
            {
                answered.Add(clock.Elapsed.TotalMilliseconds);
            }

            return transfer;
        }).ToList();
        var all = Task.WhenAll(requests);

        var beforeFirstAnswer = ProcessStatus.Read(pactor.Pid);
        var maxRss = beforeFirstAnswer.RssKb;
        var maxThreads = beforeFirstAnswer.Threads;
        while (!all.IsCompleted)
        {
            var status = ProcessStatus.Read(pactor.Pid);
            lock (answered)
            {
                if (answered.Count == 0)
                {
                    beforeFirstAnswer = status;
                    maxRss = Math.Max(maxRss, status.RssKb);
                    maxThreads = Math.Max(maxThreads, status.Threads);
                }
            }

            await Task.WhenAny(all, Task.Delay(SampleEvery));
        }

        var transfers = await all;
        if (transfers.Count(IsRedirect) != count)
        {
            var statuses = string.Join(", ", transfers.GroupBy(t => t.Status).Select(g => $"{(int)g.Key} x {g.Count()}"));
            throw new InvalidOperationException($"round {round}: wanted {count} x 307, got {statuses}\n{pactor.Describe()}");
        }

        return new WaveResult(transfers, beforeFirstAnswer, maxRss, maxThreads, answered.Min(), answered.Max());
    }
}
