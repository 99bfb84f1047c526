using System.Diagnostics;
using System.Globalization;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Pactor.RTorrent;

namespace Pactor.Benchmarks;

/// <summary>
/// Benchmark 4, offload: how much of what clients download the seedbox still has to send. Per round a fresh seedbox
/// (<see cref="SeedboxStack"/>: <c>pactor serve --root --tracker</c>, <c>pactor seed</c>, a seeder rtorrent from
/// seedbox.rtorrent.rc) and three fresh clients (<see cref="ClientNode"/>: <c>pactor serve</c> with its own rtorrent on
/// its own address), started and served one after another, each GETting the database and then every package in turn
/// through its pactor, as pacman does (following a 307 to the origin). Offload = (bytes the seeder uploaded, the sum of
/// its downloads' <c>d.up.total</c>, + package bytes the origin sent over HTTP) / package bytes the clients received.
/// </summary>
public static class OffloadBenchmark
{
    private const int Clients = 3;
    private const double Target = 0.5;

    private static readonly (string Name, long Bytes)[] Sizes =
        [("bench-offload-1mb", 1_000_000), ("bench-offload-5mb", 5_000_000), ("bench-offload-20mb", 20_000_000), ("bench-offload-50mb", 50_000_000)];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var report = new BenchReport("offload", options.ResultsDirectory);
        var cap = options.SeedboxUpKb switch
        {
            null => "seedbox.rtorrent.rc as it is",
            0 => "seeder upload unlimited (--seedbox-up 0)",
            var kb => $"seeder upload capped at {kb} KiB/s (--seedbox-up)",
        };
        report.Line($"load average before: {BenchReport.LoadAverage()}");
        report.Line($"offload: {Clients} clients one after another, then {options.WaveClients} at once, {options.Rounds} rounds each, fresh seedbox and clients each; {cap}");
        using var work = TempDirectory.Create("bench-offload");
        var specs = Sizes.Select((size, index) => TestPackageSpec.WithPayload(size.Name, size.Bytes, 500 + index)).ToList();
        var build = await MakepkgBuilder.BuildAsync(specs, work.Sub("built"));
        var repo = await PackageRepo.CreateAsync(work.Sub("mirror"), BenchMirror.RepoName, build);
        report.Line($"  packages: {string.Join(", ", repo.Packages.Select(package => $"{package.FileName} ({package.Size} bytes)"))}");
        var template = options.SeedboxUpKb is { } upKb
            ? RTorrentConfigTemplate.Seedbox + string.Create(CultureInfo.InvariantCulture, $"\nthrottle.global_up.max_rate.set_kb = {upKb}\n")
            : null;

        // Both kinds of round alternate, so that the machine's noise falls on both alike.
        var samples = new List<OffloadSample>();
        var waves = new List<WaveSample>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var sample = await RoundAsync(repo, template, options, round);
            samples.Add(sample);
            report.Line(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}, one after another: offload {sample.Offload:0.000}; per client {string.Join(" / ", sample.Clients.Select(c => c.Offload.ToString("0.000", CultureInfo.InvariantCulture)))}; fallbacks {sample.Clients.Sum(c => c.Fallbacks)}; slowest package per client {string.Join(" / ", sample.Clients.Select(c => c.SlowestPackageMs.ToString("0", CultureInfo.InvariantCulture)))} ms"));
            if (options.WaveClients > 0)
            {
                var wave = await OffloadWave.RunAsync(repo, template, options, round);
                waves.Add(wave);
                report.Line(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round}, {wave.Clients} at once: {wave.Copies:0.00} copies of the set (seeder {(double)wave.SeederUploaded / wave.SetBytes:0.00}, origin {(double)wave.OriginPackageBytes / wave.SetBytes:0.00}; clients to each other {(double)wave.ClientsUploaded / wave.SetBytes:0.00}), offload {wave.Offload:0.000}; fallbacks {wave.Fallbacks.Count}; slowest request {wave.SlowestRequestMs:0} ms; whole wave {wave.WaveMs:0} ms; load average {BenchReport.LoadAverage()}"));
                foreach (var line in wave.Probe)
                {
                    report.Line($"    {line}");
                }
            }
        }

        Summarize(report, samples, repo.Packages.Sum(package => package.Size));
        if (waves.Count > 0)
        {
            SummarizeWaves(report, waves);
        }

        await report.SaveAsync(new { benchmark = "offload", machine = BenchReport.Machine(), seedboxUpKb = options.SeedboxUpKb, samples, waves });
        return 0;
    }

    private static async Task<OffloadSample> RoundAsync(PackageRepo repo, string? seederTemplate, BenchOptions options, int round)
    {
        await using var seedbox = await SeedboxStack.StartAsync(repo, seederTemplate);
        var clients = new List<ClientNode>();
        var shares = new List<ClientShare>();
        try
        {
            long seederBefore = 0;
            long originBefore = 0;
            var fallbacksSoFar = 0;
            for (var number = 1; number <= Clients; number++)
            {
                var settings = options.PactorPollInterval is { } poll ? new Dictionary<string, string> { ["PollInterval"] = poll } : null;
                var client = await ClientNode.StartAsync(seedbox, number, settings);
                clients.Add(client);
                var (received, slowest, total) = await FetchEverythingAsync(client, seedbox.Repo, round);
                var seeder = (await seedbox.SeederTrafficAsync()).Uploaded;
                var fallbacks = client.PactorLogLines("Falling back").Count;
                fallbacksSoFar += fallbacks;
                await OriginLoggedAsync(seedbox, fallbacksSoFar);
                var origin = seedbox.OriginPackageBytes();
                var swarm = 0;
                foreach (var package in repo.Packages)
                {
                    swarm += (await client.SwarmAnswersAsync(seedbox.Repo, package)).Count;
                }

                shares.Add(new ClientShare(number, received, seeder - seederBefore, origin - originBefore, (await client.TrafficAsync()).Downloaded,
                    swarm, fallbacks, slowest.TotalMilliseconds, total.TotalMilliseconds));
                (seederBefore, originBefore) = (seeder, origin);
            }

            if (options.KeepLogs)
            {
                await File.WriteAllTextAsync(options.LogPath($"offload-round{round}"), string.Join('\n', [.. seedbox.Describe(), .. clients.Select(c => c.Describe())]));
            }

            return new OffloadSample(round, shares, (await seedbox.SeederTrafficAsync()).GlobalUploaded);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>The origin logs a request after its last byte: wait (up to 2 s) until it logged one GET per fallback so far.</summary>
    internal static async Task OriginLoggedAsync(SeedboxStack seedbox, int fallbacks)
    {
        var clock = Stopwatch.StartNew();
        while (seedbox.OriginPackageRequests().Count < fallbacks && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <returns>Package bytes received, the slowest package's time to last byte, and the whole turn's time.</returns>
    private static async Task<(long Received, TimeSpan Slowest, TimeSpan Total)> FetchEverythingAsync(ClientNode client, PackageRepo repo, int round)
    {
        // Redirects followed like pacman does: a 307 fallback becomes origin bytes, counted on the seedbox's side.
        using var http = PacmanFetch.CreateClient();
        var clock = Stopwatch.StartNew();
        var database = await PacmanFetch.GetAsync(http, client.Pactor.BaseUrl, $"{repo.UrlPath}/{repo.Name}.db");
        if (database.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"round {round}, client {client.Number}: {(int)database.Status} for the database\n{client.Describe()}");
        }

        long received = 0;
        var slowest = TimeSpan.Zero;
        foreach (var package in repo.Packages)
        {
            var transfer = await PacmanFetch.GetAsync(http, client.Pactor.BaseUrl, $"{repo.UrlPath}/{package.FileName}");
            if (transfer.Status != HttpStatusCode.OK || transfer.Bytes != package.Size)
            {
                throw new InvalidOperationException($"round {round}, client {client.Number}, {package.FileName}: {(int)transfer.Status} with {transfer.Bytes} bytes (want {package.Size})\n{client.Describe()}");
            }

            received += transfer.Bytes;
            slowest = transfer.TimeToLastByte > slowest ? transfer.TimeToLastByte : slowest;
        }

        return (received, slowest, clock.Elapsed);
    }

    private static void Summarize(BenchReport report, List<OffloadSample> samples, long setBytes)
    {
        static string Ratio(IEnumerable<double> values) => Distribution.Of(values).Format("", "0.000");

        report.Line();
        report.Line($"offload = (seeder uploads + origin package bytes) / package bytes received; HTTP mirroring = 1.000");
        var offload = Distribution.Of(samples.Select(sample => sample.Offload));
        report.Line($"  {Clients} clients        {Ratio(samples.Select(sample => sample.Offload))}");
        for (var client = 1; client <= Clients; client++)
        {
            var number = client;
            var shares = samples.Select(sample => sample.Clients.Single(share => share.Client == number)).ToList();
            report.Line($"  client {number}          {Ratio(shares.Select(share => share.Offload))}; slowest package {Distribution.Of(shares.Select(share => share.SlowestPackageMs)).Format("ms", "0")}, turn {Distribution.Of(shares.Select(share => share.TotalMs)).Format("ms", "0")}");
        }

        var fallbacks = samples.Sum(sample => sample.Clients.Sum(share => share.Fallbacks));
        var swarm = samples.Sum(sample => sample.Clients.Sum(share => share.SwarmAnswers));
        var origin = samples.Sum(sample => sample.Clients.Sum(share => share.OriginPackageBytes));
        report.Line($"  answers: {swarm} from the swarm, {fallbacks} fallbacks (307); origin package bytes over HTTP: {origin}");
        report.Line($"  seeder throttle.global_up.total / sum of d.up.total (protocol overhead): {Ratio(samples.Select(sample => (double)sample.SeederGlobalUploaded / sample.Clients.Sum(share => share.SeederUploaded)))}");
        report.Line($"  seedbox bytes in copies of the set: {Ratio(samples.Select(sample => (double)sample.SeedboxBytes / setBytes))}");
        report.Line($"  target offload <= {Target:0.0} with {Clients} clients (median): {(offload.Median <= Target ? "met" : "NOT met")} ({offload.Median:0.000})");
    }

    private static void SummarizeWaves(BenchReport report, List<WaveSample> waves)
    {
        var clients = waves[0].Clients;
        var copies = Distribution.Of(waves.Select(wave => wave.Copies));
        var slowest = waves.Max(wave => wave.SlowestRequestMs);
        report.Line();
        report.Line($"{clients} clients at once (bench.db, then {OffloadWave.ParallelDownloads} packages at a time, 307 followed); seedbox bytes counted once every rtorrent holds the set");
        report.Line($"  copies of the set      {copies.Format("", "0.00")}   (plain HTTP: {clients})");
        report.Line($"  offload                {Distribution.Of(waves.Select(wave => wave.Offload)).Format("", "0.000")}");
        report.Line($"  slowest request        {Distribution.Of(waves.Select(wave => wave.SlowestRequestMs)).Format("ms", "0")} (time to last byte)");
        report.Line($"  every package request  {Distribution.Of(waves.SelectMany(wave => wave.Requests.Where(request => request.File.EndsWith(".pkg.tar.zst", StringComparison.Ordinal)).Select(request => request.TimeToLastByteMs))).Format("ms", "0")}");
        report.Line($"  clients to each other  {Distribution.Of(waves.Select(wave => (double)wave.ClientsUploaded / wave.SetBytes)).Format("copies", "0.00")}; seeder {Distribution.Of(waves.Select(wave => (double)wave.SeederUploaded / wave.SetBytes)).Format("copies", "0.00")}; origin over HTTP {Distribution.Of(waves.Select(wave => (double)wave.OriginPackageBytes / wave.SetBytes)).Format("copies", "0.00")}");
        report.Line($"  whole wave             {Distribution.Of(waves.Select(wave => wave.WaveMs)).Format("ms", "0")}");
        report.Line($"  answers: {waves.Sum(wave => wave.SwarmAnswers)} from the swarm, {waves.Sum(wave => wave.Fallbacks.Count)} fallbacks (307); origin package bytes over HTTP: {waves.Sum(wave => wave.OriginPackageBytes)}");
        foreach (var wave in waves)
        {
            foreach (var fallback in wave.Fallbacks)
            {
                report.Line($"    round {wave.Round}, {fallback}");
            }

            if (!wave.EveryRTorrentComplete)
            {
                report.Line($"    round {wave.Round}: a client's rtorrent still lacked a package {OffloadWave.SettleTimeoutSeconds} s after the wave; its seeder bytes so far are counted");
            }
        }

        report.Line($"  target <= 2 copies for {clients} clients (median): {(copies.Median <= 2 ? "met" : "NOT met")} ({copies.Median:0.00}); no request past pacman's 10 s: {(slowest <= 10_000 ? "met" : "NOT met")} (slowest {slowest:0} ms)");
    }
}
