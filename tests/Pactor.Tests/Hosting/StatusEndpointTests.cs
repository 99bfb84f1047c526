using System.Net;
using System.Text.Json;
using Moq;
using Pactor.RTorrent;

namespace Pactor.Tests.Hosting;

/// <summary><c>GET /api/status</c> and <c>GET /</c>: what the status page shows, after real requests through the mirror.</summary>
public sealed class StatusEndpointTests : IDisposable
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private const string Curl = "curl-8.0-1-x86_64.pkg.tar.zst";
    private readonly Mock<IRTorrentClient> rtorrent = new();
    private readonly MirrorFactory mirror;
    private readonly FakeRepository repository;
    private readonly HttpClient client;
    private readonly MirrorTraffic traffic;

    public StatusEndpointTests()
    {
        rtorrent.Setup(r => r.GetVersionAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new RTorrentVersion("0.9.8", "0.13.8"));
        mirror = new MirrorFactory { RTorrent = rtorrent.Object };
        repository = new FakeRepository(mirror);
        client = mirror.CreateMirrorClient();
        traffic = new MirrorTraffic(mirror, client);
    }

    [Fact]
    public async Task After_a_swarm_download_a_cache_hit_and_a_fallback_each_shows_with_its_bytes()
    {
        var zlib = await repository.PublishAsync(Zlib, 200_000, seed: 1);
        await repository.PublishAsync(Curl, 50_000, seed: 2);
        using var database = await traffic.GetAsync(MirrorTraffic.DatabasePath);
        using var swarm = await traffic.SwarmDownloadAsync(Zlib, zlib);
        using var cached = await traffic.GetAsync(MirrorTraffic.PackagePath(Zlib));
        using var fallback = await traffic.HedgedAsync(Curl);
        Assert.Equal(HttpStatusCode.OK, swarm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);

        using var status = await StatusAsync();
        var root = status.RootElement;

        var bytes = root.GetProperty("totals").GetProperty("bytes");
        Assert.Equal(200_000, bytes.GetProperty("swarm").GetInt64());
        Assert.Equal(200_000, bytes.GetProperty("cache").GetInt64());
        Assert.Equal(50_000, bytes.GetProperty("fallback").GetInt64());
        Assert.Equal(repository.DatabaseBytes.Length, bytes.GetProperty("upstream").GetInt64());
        Assert.Equal(200_000.0 / 250_000, root.GetProperty("totals").GetProperty("offloadRatio").GetDouble(), 6);
        Assert.Equal(4, root.GetProperty("totals").GetProperty("requests").GetInt64());
        Assert.Equal(0, root.GetProperty("totals").GetProperty("errors").GetInt64());

        var recent = root.GetProperty("recent").EnumerateArray().ToList();
        Assert.Equal(
            [("fallback", 307, 50_000L), ("cache", 200, 200_000L), ("swarm", 200, 200_000L), ("upstream", 200, (long)repository.DatabaseBytes.Length)],
            recent.Select(r => (r.GetProperty("source").GetString(), r.GetProperty("status").GetInt32(), r.GetProperty("bytes").GetInt64())));
        Assert.Equal(MirrorTraffic.PackagePath(Curl), recent[0].GetProperty("file").GetString());
        Assert.Equal("package", recent[0].GetProperty("kind").GetString());
        Assert.Equal("database", recent[3].GetProperty("kind").GetString());

        var series = root.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(60, series.Count);
        Assert.Equal(200_000, series.Sum(m => m.GetProperty("bytes").GetProperty("swarm").GetInt64()));
        Assert.Equal(50_000, series.Sum(m => m.GetProperty("bytes").GetProperty("fallback").GetInt64()));

        // The hedged download carries on in the background, nobody waiting for it.
        var download = Assert.Single(root.GetProperty("downloads").EnumerateArray());
        Assert.Equal(Curl, download.GetProperty("name").GetString());
        Assert.Equal(0, download.GetProperty("waiting").GetInt32());
    }

    [Fact]
    public async Task A_download_in_flight_shows_its_size_state_and_the_request_waiting_for_it()
    {
        await repository.PublishAsync(Zlib, 200_000, seed: 1);
        using var database = await traffic.GetAsync(MirrorTraffic.DatabasePath);
        var pending = client.GetAsync(MirrorTraffic.PackagePath(Zlib));
        await MirrorTraffic.WaitUntilAsync(() => mirror.Swarm.Loads == 1);
        for (var i = 0; i < 100 && mirror.Swarm.ProgressCalls == 0; i++)
        {
            // Poll ticks on the fake clock, far from the 5 s hedge deadline.
            mirror.Time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(10);
        }

        using var status = await StatusAsync();

        var download = Assert.Single(status.RootElement.GetProperty("downloads").EnumerateArray());
        Assert.Equal(Zlib, download.GetProperty("name").GetString());
        Assert.Equal("core/os/x86_64/" + Zlib, download.GetProperty("file").GetString());
        Assert.Equal("downloading", download.GetProperty("state").GetString());
        Assert.Equal(200_000, download.GetProperty("totalBytes").GetInt64());
        Assert.Equal(0, download.GetProperty("completedBytes").GetInt64());
        Assert.Equal(1, download.GetProperty("waiting").GetInt32());
        Assert.Equal(1, download.GetProperty("peers").GetInt32());
        mirror.Time.Advance(TimeSpan.FromSeconds(5));
        (await pending).Dispose();
    }

    [Fact]
    public async Task Rtorrent_shows_its_endpoint_and_whether_pactor_runs_it_then_its_version_once_probed()
    {
        using var first = await StatusAsync();
        var rt = first.RootElement.GetProperty("rtorrent");
        Assert.Equal("scgi://127.0.0.1:1", rt.GetProperty("endpoint").GetString());
        Assert.False(rt.GetProperty("managed").GetBoolean());

        JsonElement probed;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "rtorrent was never probed");
            await Task.Delay(10);
            using var status = await StatusAsync();
            probed = status.RootElement.GetProperty("rtorrent").Clone();
        }
        while (probed.GetProperty("reachable").ValueKind != JsonValueKind.True);

        Assert.Equal("0.9.8", probed.GetProperty("version").GetString());
        Assert.Equal("0.13.8", probed.GetProperty("libraryVersion").GetString());
        Assert.Equal(JsonValueKind.Null, probed.GetProperty("error").ValueKind);
        using var again = await StatusAsync();
        Assert.Equal(0, again.RootElement.GetProperty("totals").GetProperty("uploadedBytes").GetInt64());
    }

    [Fact]
    public async Task The_page_is_one_self_contained_html_file_that_polls_the_status()
    {
        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("fetch(\"api/status\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }

    private async Task<JsonDocument> StatusAsync()
    {
        using var response = await client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        client.Dispose();
        mirror.Dispose();
    }
}
