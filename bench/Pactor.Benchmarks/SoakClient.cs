using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;
using Pactor.RTorrent;

namespace Pactor.Benchmarks;

/// <summary>
/// One client machine of the soak, as <see cref="ClientNode"/> starts one (<c>pactor serve</c> with the seedbox origin
/// as its only upstream and its own rtorrent on 127.0.0.10+n) but with a cache directory of the soak's, so that its
/// <c>pactor serve</c> can be stopped and started again over the same cache; pactor restarts its rtorrent with it.
/// A lock keeps a fetch and a restart apart.
/// </summary>
public sealed partial class SoakClient : IAsyncDisposable
{
    private readonly SeedboxStack seedbox;
    private readonly TempDirectory cache;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly HttpClient http = PacmanFetch.CreateClient();
    private readonly List<string> earlierOutput = [];

    private SoakClient(SeedboxStack seedbox, int number, TempDirectory cache, PactorServeProcess pactor)
    {
        this.seedbox = seedbox;
        this.cache = cache;
        Number = number;
        Pactor = pactor;
        var endpoint = RTorrentEndpoint.Parse("scgi://" + Path.Combine(CacheDirectory, "rtorrent", "rpc.sock"));
        RTorrent = RTorrentClientFactory.Create(endpoint, new RTorrentOptions());
    }

    public int Number { get; }

    public PactorServeProcess Pactor { get; private set; }

    public string CacheDirectory => Path.Combine(cache.Path, "cache");

    /// <summary>pactor's rtorrent, on its socket <c>CACHE/rtorrent/rpc.sock</c> (the same across restarts).</summary>
    public RTorrentClient RTorrent { get; }

    public static async Task<SoakClient> StartAsync(SeedboxStack seedbox, int number)
    {
        ArgumentNullException.ThrowIfNull(seedbox);
        var cache = TempDirectory.Create($"soak-client{number}");
        try
        {
            return new SoakClient(seedbox, number, cache, await StartPactorAsync(seedbox, number, Path.Combine(cache.Path, "cache")));
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>Stops <c>pactor serve</c> (SIGTERM: it stops its rtorrent) and starts it again over the same cache.</summary>
    /// <returns>How long it was away.</returns>
    public async Task<TimeSpan> RestartAsync()
    {
        await turn.WaitAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            earlierOutput.Add(Pactor.Describe());
            await Pactor.DisposeAsync();
            Pactor = await StartPactorAsync(seedbox, Number, CacheDirectory);
            return clock.Elapsed;
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>What pacman does for one package: GET the database, then the package (307 followed); then pactor's log line for it.</summary>
    public async Task<SoakRequest> FetchAsync(PackageRepo repo, BuiltPackage package, string kind, double atSeconds)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(package);
        await turn.WaitAsync();
        try
        {
            var database = await PacmanFetch.GetAsync(http, Pactor.BaseUrl, $"{repo.UrlPath}/{repo.Name}.db");
            if (database.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"soak client {Number}: {(int)database.Status} for the database\n{Describe()}");
            }

            var path = $"{repo.UrlPath}/{package.FileName}";
            var transfer = await PacmanFetch.GetAsync(http, Pactor.BaseUrl, path);
            var line = await RequestLineAsync(path);
            var match = line is null ? null : RequestLine().Match(line);
            var source = match switch
            {
                null => "unlogged",
                _ when match.Groups["status"].Value == "307" => "fallback",
                _ => match.Groups["source"].Value,
            };
            var reason = source == "fallback" ? FallbackReason(package.FileName) : null;
            return new SoakRequest(Number, atSeconds, package.FileName, package.Size, kind, (int)transfer.Status, transfer.Bytes,
                transfer.TimeToLastByte.TotalMilliseconds, source, line?[(line.IndexOf("GET ", StringComparison.Ordinal))..], reason, null);
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>The client's rtorrent on one download: peers, progress, message.</summary>
    public async Task<string> DescribeDownloadAsync(string infoHash)
    {
        var download = (await RTorrent.ListAsync()).FirstOrDefault(status => string.Equals(status.Hash, infoHash, StringComparison.OrdinalIgnoreCase));
        return download is null
            ? "rtorrent: not loaded"
            : string.Create(CultureInfo.InvariantCulture, $"rtorrent: {download.PeersConnected} peers connected, {download.CompletedBytes}/{download.SizeBytes} bytes, message \"{download.Message}\"");
    }

    /// <summary>pactor's output (every process so far) and its rtorrent's log.</summary>
    public string Describe()
    {
        var log = Path.Combine(CacheDirectory, "rtorrent", "rtorrent.log");
        return $"soak client {Number}: {string.Join("\n--- restarted ---\n", [.. earlierOutput, Pactor.Describe()])}\nits rtorrent's log:\n"
            + (File.Exists(log) ? File.ReadAllText(log) : "(none)");
    }

    public async ValueTask DisposeAsync()
    {
        await Pactor.DisposeAsync();
        http.Dispose();
        turn.Dispose();
        cache.Dispose();
    }

    private static Task<PactorServeProcess> StartPactorAsync(SeedboxStack seedbox, int number, string cacheDirectory) =>
        PactorServeProcess.StartAsync(new PactorServeSettings
        {
            Upstreams = [seedbox.ServerTemplate],
            RTorrent = null,
            CacheDirectory = cacheDirectory,
            Extra = new Dictionary<string, string> { ["RTorrentBind"] = LoopbackRoles.ClientRTorrent(number).ToString() },
        });

    /// <summary>pactor logs a request after its last byte; the line may trail it by up to <see cref="ClientNode.LogLag"/>.</summary>
    private async Task<string?> RequestLineAsync(string path)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var line = Pactor.Process.Output.Split('\n').LastOrDefault(line => line.Contains($" GET {path} ", StringComparison.Ordinal) && RequestLine().IsMatch(line));
            if (line is not null || clock.Elapsed > ClientNode.LogLag)
            {
                return line;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private string? FallbackReason(string fileName)
    {
        var marker = $"/{fileName}: ";
        var line = Pactor.Process.Output.Split('\n').LastOrDefault(line => line.Contains("Falling back for ", StringComparison.Ordinal) && line.Contains(marker, StringComparison.Ordinal));
        return line?[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
    }

    [GeneratedRegex(@" GET \S+ (?<source>\S+) (?<status>[1-5][0-9]{2}) [0-9]+ bytes [0-9.]+ ms")]
    private static partial Regex RequestLine();
}
