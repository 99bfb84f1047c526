using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;

namespace Pactor.Benchmarks;

/// <summary>
/// The simultaneous offload round: a fresh seedbox and N fresh clients (<see cref="ClientNode"/>, each its own
/// <c>pactor serve</c> and rtorrent on 127.0.0.10+n), all started first; then, at one signal, every client GETs
/// <c>bench.db</c> and then the whole set, <see cref="ParallelDownloads"/> packages at a time as pacman's
/// <c>ParallelDownloads = 5</c> does, following a 307 to the origin.
/// </summary>
public static class OffloadWave
{
    public const int ParallelDownloads = 5;

    /// <summary>How long the clients' rtorrents may take to finish what fell back, before the seeder is read.</summary>
    public const int SettleTimeoutSeconds = 60;

    /// <summary>When, after the start signal, every client's rtorrent is asked whom it gets the largest package from: while pactor waits for it, and after the hedge.</summary>
    private static readonly TimeSpan[] ProbeAfter = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12)];

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(SettleTimeoutSeconds);

    public static async Task<WaveSample> RunAsync(PackageRepo repo, string? seederTemplate, BenchOptions options, int round)
    {
        await using var seedbox = await SeedboxStack.StartAsync(repo, seederTemplate);
        var clients = new List<ClientNode>();
        try
        {
            var settings = options.PactorPollInterval is { } poll ? new Dictionary<string, string> { ["PollInterval"] = poll } : null;
            for (var number = 1; number <= options.WaveClients; number++)
            {
                clients.Add(await ClientNode.StartAsync(seedbox, number, settings));
            }

            var requests = new ConcurrentBag<WaveRequest>();
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = new Stopwatch();
            var fetches = clients.Select(client => FetchSetAsync(client, seedbox.Repo, go.Task, clock, requests, round)).ToList();
            clock.Start();
            go.SetResult();
            var probes = ProbeAfter.Select(after => ProbeAsync(clients, after)).ToList();
            await Task.WhenAll(fetches);
            var waveMs = clock.Elapsed.TotalMilliseconds;

            var fallbacks = clients.SelectMany(client => client.PactorLogLines("Falling back").Select(line => $"client {client.Number}: {line}")).ToList();
            await OffloadBenchmark.OriginLoggedAsync(seedbox, fallbacks.Count);
            var settled = await EveryRTorrentCompleteAsync(clients, repo.Packages.Count);
            var seeder = (await seedbox.SeederTrafficAsync()).Uploaded;
            long clientsUploaded = 0;
            foreach (var client in clients)
            {
                clientsUploaded += (await client.TrafficAsync()).Uploaded;
            }

            var swarm = 0;
            foreach (var client in clients)
            {
                foreach (var package in repo.Packages)
                {
                    swarm += (await client.SwarmAnswersAsync(seedbox.Repo, package)).Count;
                }
            }

            if (options.KeepLogs)
            {
                await File.WriteAllTextAsync(options.LogPath($"offload-wave-round{round}"), string.Join('\n', [.. seedbox.Describe(), .. clients.Select(c => c.Describe())]));
            }

            return new WaveSample(round, clients.Count, repo.Packages.Sum(package => package.Size), seeder, seedbox.OriginPackageBytes(), clientsUploaded, swarm, fallbacks, settled, waveMs,
                [.. requests.OrderBy(request => request.FinishedAtMs)], [.. (await Task.WhenAll(probes)).SelectMany(lines => lines)]);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task FetchSetAsync(ClientNode client, PackageRepo repo, Task go, Stopwatch clock, ConcurrentBag<WaveRequest> requests, int round)
    {
        using var http = PacmanFetch.CreateClient();
        await go;
        var database = await PacmanFetch.GetAsync(http, client.Pactor.BaseUrl, $"{repo.UrlPath}/{repo.Name}.db");
        requests.Add(new WaveRequest(client.Number, $"{repo.Name}.db", (int)database.Status, database.Bytes, database.TimeToLastByte.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, database.Location is not null));
        if (database.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"wave round {round}, client {client.Number}: {(int)database.Status} for the database\n{client.Describe()}");
        }

        await Parallel.ForEachAsync(repo.Packages, new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads }, async (package, token) =>
        {
            var transfer = await PacmanFetch.GetAsync(http, client.Pactor.BaseUrl, $"{repo.UrlPath}/{package.FileName}", token);
            requests.Add(new WaveRequest(client.Number, package.FileName, (int)transfer.Status, transfer.Bytes, transfer.TimeToLastByte.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, transfer.Location is not null));
            if (transfer.Status != HttpStatusCode.OK || transfer.Bytes != package.Size)
            {
                throw new InvalidOperationException($"wave round {round}, client {client.Number}, {package.FileName}: {(int)transfer.Status} with {transfer.Bytes} bytes (want {package.Size})\n{client.Describe()}");
            }
        });
    }

    /// <summary>Each client's largest download at <paramref name="after"/>: progress and bytes per peer (is the swarm a mesh?).</summary>
    private static async Task<IReadOnlyList<string>> ProbeAsync(List<ClientNode> clients, TimeSpan after)
    {
        await Task.Delay(after);
        var lines = new List<string>();
        foreach (var client in clients)
        {
            var largest = (await client.RTorrent.ListAsync()).OrderByDescending(download => download.SizeBytes).FirstOrDefault();
            lines.Add($"client {client.Number} ({client.RTorrentAddress}) at {after.TotalSeconds:0} s, {largest?.Name ?? "nothing loaded"}: {(largest is null ? "" : await PeerProbe.DescribeAsync(client.RTorrentEndpoint, largest))}");
        }

        return lines;
    }

    /// <summary>Waits until every client's rtorrent holds every package complete; false if one still did not after <see cref="SettleTimeout"/>.</summary>
    private static async Task<bool> EveryRTorrentCompleteAsync(List<ClientNode> clients, int packages)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < SettleTimeout)
        {
            var complete = true;
            foreach (var client in clients)
            {
                var downloads = await client.RTorrent.ListAsync();
                complete &= downloads.Count == packages && downloads.All(download => download.IsComplete);
            }

            if (complete)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return false;
    }
}
