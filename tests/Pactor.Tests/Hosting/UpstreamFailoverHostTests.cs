using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pactor.Core.Tests.Support;
using Pactor.Core.Upstreams;
using Pactor.Hosting;

namespace Pactor.Tests.Hosting;

/// <summary>
/// The mirror with two real HTTP upstreams on loopback (<see cref="HttpUpstreamFetcher"/>, real clock), the first one
/// sick: the database comes from the second inside the first-byte timeout, the next request does not touch the sick
/// one, pacman is redirected to the healthy one, and status and metrics say which is down.
/// </summary>
public sealed class UpstreamFailoverHostTests(LoopbackUpstream upstream) : IClassFixture<LoopbackUpstream>, IDisposable
{
    private static readonly DateTimeOffset Date = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider http = new ServiceCollection().AddLogging().AddUpstreamFetcher().BuildServiceProvider();
    private MirrorFactory? mirror;

    public void Dispose()
    {
        mirror?.Dispose();
        http.Dispose();
    }

    [Theory]
    [InlineData("hang")]
    [InlineData("trickle")]
    public async Task A_sick_first_upstream_costs_one_database_request_a_moment_and_is_then_skipped(string sickness)
    {
        var database = new RepoDatabaseBuilder().BuildGzip();
        upstream.Put($"/{sickness}db/os/x86_64/{sickness}db.db", database, Date);
        var sick = upstream.Url("/") + sickness + "/$repo/os/$arch";
        var good = upstream.Url("/") + "$repo/os/$arch";
        using var client = Mirror(sick, good).CreateMirrorClient();
        var path = $"/{sickness}db/os/x86_64/{sickness}db.db";

        var watch = Stopwatch.StartNew();
        using var first = await client.GetAsync(path);
        var firstTook = watch.Elapsed;
        watch.Restart();
        using var second = await client.GetAsync(path);
        var secondTook = watch.Elapsed;
        using var package = await client.GetAsync($"/{sickness}db/os/x86_64/absent-1-1-any.pkg.tar.zst");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(database, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(database, await second.Content.ReadAsByteArrayAsync());
        Assert.True(firstTook < TimeSpan.FromSeconds(3.5), $"first database request took {firstTook}");
        Assert.True(secondTook < TimeSpan.FromSeconds(1), $"second database request took {secondTook}");
        Assert.Single(upstream.Requests, r => r.Path == $"/{sickness}{path}");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, package.StatusCode);
        Assert.Equal(upstream.Url($"/{sickness}db/os/x86_64/absent-1-1-any.pkg.tar.zst"), package.Headers.Location);

        // A hanging first mirror lost a race to the good one: degraded at once, down once its own GET timed out.
        using var status = await StatusOnceDownAsync(client);
        var upstreams = status.RootElement.GetProperty("upstreams").EnumerateArray().ToList();
        Assert.Equal([sick, good], upstreams.Select(u => u.GetProperty("url").GetString()));
        Assert.Equal(["down", "healthy"], upstreams.Select(u => u.GetProperty("state").GetString()));
        Assert.Equal(["mirror"], upstreams[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(sickness == "hang" ? "no answer for 1.5 s" : "slower than 1024 bytes/s", upstreams[0].GetProperty("lastError").GetString());
        Assert.True(upstreams[1].GetProperty("timeToFirstByteMs").GetDouble() >= 0);

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Equal(2, PrometheusText.Value(metrics, "pactor_upstream_state", ("upstream", sick)));
        Assert.Equal(0, PrometheusText.Value(metrics, "pactor_upstream_state", ("upstream", good)));
        Assert.Equal(1, PrometheusText.Value(metrics, "pactor_upstream_failures_total", ("upstream", sick)));
    }

    private MirrorFactory Mirror(string sick, string good) => mirror ??= new MirrorFactory(
        fetcher: http.GetRequiredService<IUpstreamFetcher>(),
        fakeTime: false,
        configure: flags =>
        {
            flags[SettingKeys.Upstreams + ":0"] = sick;
            flags[SettingKeys.Upstreams + ":1"] = good;
            flags[SettingKeys.TorrentSources + ":0"] = good;
        });
    private static async Task<JsonDocument> StatusOnceDownAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync("/api/status"));
            if (status.RootElement.GetProperty("upstreams")[0].GetProperty("state").GetString() == "down" || deadline.Elapsed > TimeSpan.FromSeconds(5))
            {
                return status;
            }

            status.Dispose();
            await Task.Delay(50);
        }
    }
}
