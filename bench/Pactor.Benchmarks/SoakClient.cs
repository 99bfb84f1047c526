using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Swarm;

namespace Pactor.Benchmarks;

/// <summary>
/// One client machine of the soak: a <see cref="ClientNode"/> (<c>pactor serve</c> with the seedbox origin as its only
/// upstream and its own rtorrent on 127.0.0.10+n) that fetches as pacman does and can restart its <c>pactor serve</c>
/// (same port and cache; pactor restarts its rtorrent with it). A lock keeps a fetch and a restart apart.
/// </summary>
public sealed partial class SoakClient(ClientNode node) : IAsyncDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly HttpClient http = PacmanFetch.CreateClient();

    public int Number => node.Number;

    public static async Task<SoakClient> StartAsync(SeedboxStack seedbox, int number) => new(await ClientNode.StartAsync(seedbox, number));

    /// <summary>Stops <c>pactor serve</c> with SIGTERM (it stops its rtorrent) and starts it again over the same cache.</summary>
    /// <returns>How long it was away.</returns>
    public async Task<TimeSpan> RestartAsync()
    {
        await turn.WaitAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            await node.Pactor.RestartAsync("TERM");
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
            var database = await PacmanFetch.GetAsync(http, node.Pactor.BaseUrl, $"{repo.UrlPath}/{repo.Name}.db");
            if (database.Status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"soak client {Number}: {(int)database.Status} for the database\n{Describe()}");
            }

            var path = $"{repo.UrlPath}/{package.FileName}";
            var earlier = RequestLines(path).Count;
            var transfer = await PacmanFetch.GetAsync(http, node.Pactor.BaseUrl, path);
            var line = await RequestLineAsync(path, earlier);
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

    /// <summary>The client's rtorrent on one download: peers, progress, message, and its announces to the tracker.</summary>
    public async Task<string> DescribeDownloadAsync(string infoHash)
    {
        var download = (await node.RTorrent.ListAsync()).FirstOrDefault(status => string.Equals(status.Hash, infoHash, StringComparison.OrdinalIgnoreCase));
        if (download is null)
        {
            return "rtorrent: not loaded";
        }

        var announces = (await node.AnnounceStateAsync(download.Hash)).Trackers.Select(tracker => string.Create(CultureInfo.InvariantCulture,
            $"{tracker.Successes} announces ok, {tracker.Failures} failed, last {tracker.LastActivity:HH:mm:ss}, next {tracker.NextActivity:HH:mm:ss}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"rtorrent: {download.PeersConnected} peers connected, {download.CompletedBytes}/{download.SizeBytes} bytes, message \"{download.Message}\", {string.Join("; ", announces)}");
    }

    /// <summary>pactor's output (every run) and its rtorrent's log.</summary>
    public string Describe() => node.Describe();

    public async ValueTask DisposeAsync()
    {
        await node.DisposeAsync();
        http.Dispose();
        turn.Dispose();
    }

    /// <summary>
    /// The request line logged after the <paramref name="earlier"/> ones for <paramref name="path"/> (a package fetched
    /// again, after a restart, has an older line): pactor logs a request after its last byte, and the line may trail
    /// it by up to <see cref="ClientNode.LogLag"/>.
    /// </summary>
    private async Task<string?> RequestLineAsync(string path, int earlier)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var lines = RequestLines(path);
            if (lines.Count > earlier || clock.Elapsed > ClientNode.LogLag)
            {
                return lines.Count > earlier ? lines[^1] : null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private List<string> RequestLines(string path) =>
        [.. node.Pactor.Output.Split('\n').Where(line => line.Contains($" GET {path} ", StringComparison.Ordinal) && RequestLine().IsMatch(line))];

    private string? FallbackReason(string fileName)
    {
        var marker = $"/{fileName}: ";
        var line = node.Pactor.Output.Split('\n').LastOrDefault(line => line.Contains("Falling back for ", StringComparison.Ordinal) && line.Contains(marker, StringComparison.Ordinal));
        return line?[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
    }

    [GeneratedRegex(@" GET \S+ (?<source>\S+) (?<status>[1-5][0-9]{2}) [0-9]+ bytes [0-9.]+ ms")]
    private static partial Regex RequestLine();
}
