using System.Collections.Concurrent;
using System.Diagnostics;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;

namespace Pactor.Benchmarks;

/// <summary>
/// What the soak's clients share while it runs: its clock, every request, the per-minute snapshots, and the origin's
/// package request lines, gathered as they come (a process's captured output keeps only its last lines).
/// </summary>
public sealed class SoakRun(SeedboxStack seedbox, IReadOnlyDictionary<string, string> infoHashes, Stopwatch clock, TimeSpan duration) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly HashSet<string> originLines = new(StringComparer.Ordinal);

    public SeedboxStack Seedbox { get; } = seedbox;

    public Stopwatch Clock { get; } = clock;

    public TimeSpan Duration { get; } = duration;

    public ConcurrentBag<SoakRequest> Requests { get; } = [];

    public ConcurrentQueue<SoakSnapshot> Snapshots { get; } = new();

    public string? RestartNote { get; set; }

    private Uri ScrapeUrl => new(Seedbox.Origin.BaseUrl, "scrape");

    /// <summary>Package bytes the origin sent over HTTP (fallbacks followed to it), from its request lines.</summary>
    public long OriginPackageBytes
    {
        get
        {
            lock (originLines)
            {
                originLines.UnionWith(Seedbox.OriginPackageRequests());
                return originLines.Sum(Pactor.EndToEnd.Tests.Fixtures.Pactor.PactorLogLine.Bytes);
            }
        }
    }

    public async Task DelayUntilAsync(TimeSpan at, CancellationToken cancellationToken = default)
    {
        if (at > Clock.Elapsed)
        {
            await Task.Delay(at - Clock.Elapsed, cancellationToken);
        }
    }

    /// <summary>One fetch; a fallback is described at once: the client's rtorrent on that download, and the tracker's counts.</summary>
    public async Task FetchAsync(SoakClient client, BuiltPackage package, string kind)
    {
        var request = await client.FetchAsync(Seedbox.Repo, package, kind, Clock.Elapsed.TotalSeconds);
        if (request.Source == "fallback")
        {
            var hash = infoHashes[package.FileName];
            var counts = await TrackerCounts.ReadAsync(http, ScrapeUrl, [hash]);
            var tracker = counts.TryGetValue(hash, out var count) ? $"tracker: {count.Seeders} seeders, {count.Leechers} leechers" : "tracker: torrent unknown";
            request = request with { Diagnosis = $"{await client.DescribeDownloadAsync(hash)}; {tracker}" };
        }

        Requests.Add(request);
        Console.WriteLine($"  {TimeSpan.FromSeconds(request.AtSeconds):mm\\:ss} client {request.Client} {request.File} ({request.Size / 1e6:0.00} MB): {request.Source} {request.Status}, {request.TimeToLastByteMs:0} ms{(request.Reason is null ? "" : $" ({request.Reason}; {request.Diagnosis})")}");
    }

    public async Task SampleEveryAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        var next = every;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await DelayUntilAsync(next, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await SampleAsync();
            next += every;
        }
    }

    public async Task SampleAsync()
    {
        var seeder = (await Seedbox.SeederTrafficAsync()).Uploaded;
        var counts = await TrackerCounts.ReadAsync(http, ScrapeUrl, infoHashes.Values);
        var snapshot = new SoakSnapshot(Clock.Elapsed.TotalSeconds, seeder, OriginPackageBytes, counts.Values.Count(count => count.Seeders > 0), infoHashes.Count,
            counts.Values.Sum(count => count.Seeders), counts.Values.Sum(count => count.Leechers));
        Snapshots.Enqueue(snapshot);
        Console.WriteLine($"  {TimeSpan.FromSeconds(snapshot.AtSeconds):mm\\:ss} seeder uploaded {seeder / 1e6:0.0} MB, origin package bytes {snapshot.OriginPackageBytes / 1e6:0.0} MB; tracker: {snapshot.TorrentsWithSeeder}/{snapshot.Torrents} torrents list a seeder ({snapshot.Seeders} seeders, {snapshot.Leechers} leechers)");
    }

    public void Dispose() => http.Dispose();
}
