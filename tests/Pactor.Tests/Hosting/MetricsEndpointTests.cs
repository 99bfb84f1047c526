using System.Net;
using Pactor.RTorrent;

namespace Pactor.Tests.Hosting;

/// <summary><c>GET /metrics</c>: Prometheus text with pactor's names and the numbers of the requests just made.</summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private const string Curl = "curl-8.0-1-x86_64.pkg.tar.zst";
    private const string Bash = "bash-5.2-1-x86_64.pkg.tar.zst";
    private readonly MirrorFactory mirror = new();
    private readonly FakeRepository repository;
    private readonly HttpClient client;
    private readonly MirrorTraffic traffic;

    public MetricsEndpointTests()
    {
        repository = new FakeRepository(mirror);
        client = mirror.CreateMirrorClient();
        traffic = new MirrorTraffic(mirror, client);
    }

    [Fact]
    public async Task Requests_bytes_fallbacks_durations_and_verification_failures_are_counted()
    {
        var zlib = await repository.PublishAsync(Zlib, 200_000, seed: 1);
        await repository.PublishAsync(Curl, 50_000, seed: 2);
        await repository.PublishAsync(Bash, 30_000, seed: 3);
        (await traffic.GetAsync(MirrorTraffic.DatabasePath)).Dispose();
        (await traffic.SwarmDownloadAsync(Zlib, zlib)).Dispose();

        // A scrape right after the swarm's answer already counts that download.
        Assert.Equal(1, PrometheusText.Value(await MetricsAsync(), "pactor_download_duration_seconds_count", ("outcome", "verified")));
        (await traffic.GetAsync(MirrorTraffic.PackagePath(Zlib))).Dispose();
        (await traffic.HedgedAsync(Curl)).Dispose();
        using (var tampered = await traffic.SwarmDownloadAsync(Bash, new byte[30_000]))
        {
            Assert.Equal(HttpStatusCode.TemporaryRedirect, tampered.StatusCode);
        }

        var text = await MetricsAsync();

        Assert.Equal(1, PrometheusText.Value(text, "pactor_requests_total", ("kind", "package"), ("outcome", "swarm")));
        Assert.Equal(1, PrometheusText.Value(text, "pactor_requests_total", ("kind", "package"), ("outcome", "cache")));
        Assert.Equal(2, PrometheusText.Value(text, "pactor_requests_total", ("kind", "package"), ("outcome", "fallback")));
        Assert.Equal(1, PrometheusText.Value(text, "pactor_requests_total", ("kind", "database"), ("outcome", "upstream")));
        Assert.Equal(200_000, PrometheusText.Value(text, "pactor_request_bytes_total", ("source", "swarm")));
        Assert.Equal(200_000, PrometheusText.Value(text, "pactor_request_bytes_total", ("source", "cache")));
        Assert.Equal(80_000, PrometheusText.Value(text, "pactor_request_bytes_total", ("source", "fallback")));
        Assert.Equal(repository.DatabaseBytes.Length, PrometheusText.Value(text, "pactor_request_bytes_total", ("source", "upstream")));
        Assert.Equal(1, PrometheusText.Value(text, "pactor_fallbacks_total", ("reason", "hedge_timeout")));
        Assert.Equal(1, PrometheusText.Value(text, "pactor_fallbacks_total", ("reason", "swarm_failed")));
        Assert.Equal(1, PrometheusText.Value(text, "pactor_verification_failures_total"));
        Assert.Equal(1, PrometheusText.Value(text, "pactor_download_duration_seconds_count", ("outcome", "verified")));
        Assert.Equal(1, PrometheusText.Value(text, "pactor_download_duration_seconds_count", ("outcome", "failed")));
        Assert.Contains("# TYPE pactor_download_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_in_flight_and_the_cache_are_gauges()
    {
        var zlib = await repository.PublishAsync(Zlib, 200_000, seed: 1);
        (await traffic.GetAsync(MirrorTraffic.DatabasePath)).Dispose();
        var pending = await traffic.StartAsync(Zlib);

        var text = await MetricsAsync();

        Assert.Equal(1, PrometheusText.Value(text, "pactor_downloads_in_flight"));
        Assert.NotNull(PrometheusText.Value(text, "pactor_cache_size_bytes"));
        Assert.NotNull(PrometheusText.Value(text, "pactor_cache_files"));
        Assert.NotNull(PrometheusText.Value(text, "pactor_cache_evicted_bytes_total"));
        (await traffic.CompleteAsync(pending, Zlib, zlib)).Dispose();
        Assert.Equal(0, PrometheusText.Value(await MetricsAsync(), "pactor_downloads_in_flight"));
    }

    [Fact]
    public async Task Rtorrent_calls_are_timed_and_failures_counted_by_method_and_error()
    {
        using var started = await client.GetAsync("/healthz");
        var method = "system.multicall";
        var before = PrometheusText.Value(await MetricsAsync(), "pactor_rtorrent_call_errors_total", ("method", method), ("error", "unreachable")) ?? 0;
        var rtorrent = RTorrentClientFactory.Create(new RTorrentOptions { Endpoint = $"scgi://127.0.0.1:{FreePort.Find()}", RetryAttempts = 0 });

        await Assert.ThrowsAsync<RTorrentUnreachableException>(() => rtorrent.GetVersionAsync());

        var text = await MetricsAsync();
        Assert.Equal(before + 1, PrometheusText.Value(text, "pactor_rtorrent_call_errors_total", ("method", method), ("error", "unreachable")));
        Assert.True(PrometheusText.Value(text, "pactor_rtorrent_call_duration_seconds_count", ("method", method)) >= 1);
    }

    private async Task<string> MetricsAsync()
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose()
    {
        client.Dispose();
        mirror.Dispose();
    }
}
