using System.Diagnostics;
using System.Globalization;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;

namespace Pactor.Benchmarks;

/// <summary>
/// The soak (never part of a test run): a seedbox (<see cref="SeedboxStack"/>, pactor at its default tracker settings)
/// and <see cref="Clients"/> clients for <c>--minutes</c>, over a repo of <see cref="Packages"/> packages of
/// 100 KB-20 MB. Every client fetches, at random times, a random package it does not have yet (the database, then the
/// package, 307 followed), <see cref="PauseMin"/>-<see cref="PauseMax"/> apart; client <see cref="RestartingClient"/>
/// restarts its <c>pactor serve</c> halfway over the same cache and then GETs a package it had (a cache answer). A
/// seeded <see cref="Random"/> makes sizes, choices and times the same every run; once a minute the seeder's uploads
/// and the tracker's scrape counts are sampled.
/// </summary>
public static class SoakBenchmark
{
    public const int Clients = 5;
    public const int Packages = 50;
    public const int RestartingClient = 1;
    public static readonly TimeSpan PauseMin = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan PauseMax = TimeSpan.FromSeconds(90);

    /// <summary>A client's first fetch comes within this long after the start.</summary>
    private static readonly TimeSpan FirstFetchWithin = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(1);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var report = new BenchReport("soak", options.ResultsDirectory);
        var duration = TimeSpan.FromMinutes(options.Minutes);
        using var work = TempDirectory.Create("bench-soak");
        var sizes = new Random(options.Seed);
        // Log-uniform 100 KB-20 MB: as many small packages as large ones, as in a real repo.
        var specs = Enumerable.Range(1, Packages)
            .Select(i => TestPackageSpec.WithPayload($"soak-{i:00}", (long)(100_000 * Math.Pow(200, sizes.NextDouble())), 2000 + i))
            .ToList();
        var build = await MakepkgBuilder.BuildAsync(specs, work.Sub("built"));
        var repo = await PackageRepo.CreateAsync(work.Sub("mirror"), BenchMirror.RepoName, build);
        var setBytes = repo.Packages.Sum(package => package.Size);
        report.Line($"soak: a seedbox and {Clients} clients for {options.Minutes} min, {Packages} packages of {repo.Packages.Min(p => p.Size) / 1e6:0.00}-{repo.Packages.Max(p => p.Size) / 1e6:0.0} MB ({setBytes / 1e6:0} MB), pactor's defaults (tracker included), seed {options.Seed}");
        report.Line($"  load average before: {BenchReport.LoadAverage()}");
        report.Line($"  each client: first fetch within {FirstFetchWithin.TotalSeconds:0} s, then one every {PauseMin.TotalSeconds:0}-{PauseMax.TotalSeconds:0} s (bench.db, then a package it does not have); client {RestartingClient} restarts its pactor serve at {duration / 2:mm\\:ss}");

        await using var seedbox = await SeedboxStack.StartAsync(repo);
        var hashes = (await seedbox.Seeder.Client.ListAsync()).ToDictionary(download => download.Name, download => download.Hash, StringComparer.Ordinal);
        var clients = new List<SoakClient>();
        try
        {
            for (var number = 1; number <= Clients; number++)
            {
                clients.Add(await SoakClient.StartAsync(seedbox, number));
            }

            using var run = new SoakRun(seedbox, hashes, Stopwatch.StartNew(), duration);
            using var stopSampling = new CancellationTokenSource();
            var sampler = run.SampleEveryAsync(SampleEvery, stopSampling.Token);
            var restart = RestartHalfwayAsync(run, clients[RestartingClient - 1]);
            await Task.WhenAll([.. clients.Select(client => FetchNewPackagesAsync(run, client, new Random(options.Seed * 100 + client.Number))), restart]);
            await stopSampling.CancelAsync();
            await sampler;
            await OffloadBenchmark.OriginLoggedAsync(seedbox, run.Requests.Count(request => request.Source == "fallback"));
            await run.SampleAsync();

            if (options.KeepLogs)
            {
                await File.WriteAllTextAsync(options.LogPath("soak"), string.Join('\n', [.. seedbox.Describe(), .. clients.Select(c => c.Describe())]));
            }

            var requests = run.Requests.OrderBy(request => request.AtSeconds).ToList();
            var summary = new SoakSummary(requests, [.. run.Snapshots], run.OriginPackageBytes, run.RestartNote, setBytes);
            summary.WriteTo(report);
            await report.SaveAsync(new { benchmark = "soak", machine = BenchReport.Machine(), minutes = options.Minutes, seed = options.Seed, packages = repo.Packages.Select(p => new { p.FileName, p.Size }), requests, snapshots = run.Snapshots, restart = run.RestartNote });
            return 0;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task FetchNewPackagesAsync(SoakRun run, SoakClient client, Random random)
    {
        var remaining = run.Seedbox.Repo.Packages.ToList();
        var next = TimeSpan.FromSeconds(random.NextDouble() * FirstFetchWithin.TotalSeconds);
        while (next < run.Duration && remaining.Count > 0)
        {
            await run.DelayUntilAsync(next);
            var package = remaining[random.Next(remaining.Count)];
            remaining.Remove(package);
            await run.FetchAsync(client, package, "new");
            next += PauseMin + (random.NextDouble() * (PauseMax - PauseMin));
        }
    }

    private static async Task RestartHalfwayAsync(SoakRun run, SoakClient client)
    {
        await run.DelayUntilAsync(run.Duration / 2);
        var at = run.Clock.Elapsed;
        var away = await client.RestartAsync();
        var had = run.Requests.Where(request => request.Client == client.Number && request.Kind == "new").OrderBy(request => request.AtSeconds).FirstOrDefault();
        run.RestartNote = string.Create(CultureInfo.InvariantCulture, $"client {client.Number} restarted its pactor serve at {at:mm\\:ss} (SIGTERM, then the same command line: same port and cache; {away.TotalSeconds:0.0} s until it answered HTTP again)");
        if (had is not null)
        {
            await run.FetchAsync(client, run.Seedbox.Repo.Packages.Single(package => package.FileName == had.File), "restart check");
        }
    }
}
