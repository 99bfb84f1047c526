using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pactor.Bencode;
using Pactor.Core.Tests.Support;
using Pactor.Core.Upstreams;
using Pactor.Hosting;

namespace Pactor.Tests.Hosting;

/// <summary>
/// The mirror on a real HTTP upstream (Kestrel on loopback, <see cref="HttpUpstreamFetcher"/>) whose first GET of a file
/// has its connection reset: the GET is sent again, the request is answered as if nothing had happened, and the retry
/// is counted. Real clock: the retry waits its real backoff (a few hundred ms).
/// </summary>
public sealed class UpstreamRetryHostTests(LoopbackUpstream upstream) : IClassFixture<LoopbackUpstream>, IDisposable
{
    private const string Folder = "/core/os/x86_64/";
    private static readonly DateTimeOffset Date = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider http = new ServiceCollection().AddLogging().AddUpstreamFetcher().BuildServiceProvider();
    private readonly RepoDatabaseBuilder database = new();
    private byte[] databaseBytes = [];
    private MirrorFactory? mirror;

    public void Dispose()
    {
        mirror?.Dispose();
        http.Dispose();
    }

    [Fact]
    public async Task A_torrent_GET_reset_once_is_retried_and_the_package_is_served_from_the_swarm()
    {
        const string name = "retry-1.0-1-x86_64.pkg.tar.zst";
        var content = await PublishAsync(name, 200_000, seed: 1, repo: "core");
        upstream.ResetNext(Folder + name + ".torrent");
        using var client = Mirror().CreateMirrorClient();
        (await client.GetAsync(Folder + "core.db")).Dispose();

        var pending = client.GetAsync(Folder + name);
        await MirrorTraffic.WaitUntilAsync(() => Mirror().Swarm.Loads == 1);
        Mirror().Swarm.Complete(name, content);
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, upstream.Requests.Count(r => r.Path == Folder + name + ".torrent"));
        Assert.DoesNotContain(upstream.Requests, r => r.Path == Folder + name);
        Assert.Equal(1, PrometheusText.Value(await MetricsAsync(client), "pactor_upstream_retries_total", ("kind", "torrent")));
    }

    [Fact]
    public async Task A_database_GET_cut_off_midway_is_retried_and_only_the_whole_database_is_served()
    {
        await PublishAsync("cut-1.0-1-x86_64.pkg.tar.zst", 1000, seed: 2, repo: "cut");
        var bytes = databaseBytes;
        upstream.ResetNext("/cut/os/x86_64/cut.db", afterBytes: bytes.Length / 2);
        using var client = Mirror().CreateMirrorClient();

        using var response = await client.GetAsync("/cut/os/x86_64/cut.db");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, upstream.Requests.Count(r => r.Path == "/cut/os/x86_64/cut.db"));
        Assert.Equal(1, PrometheusText.Value(await MetricsAsync(client), "pactor_upstream_retries_total", ("kind", "database")));
    }

    /// <summary>The mirror, on the loopback upstream as mirror and torrent source, with the real fetcher and clock.</summary>
    private MirrorFactory Mirror() => mirror ??= new MirrorFactory(
        fetcher: http.GetRequiredService<IUpstreamFetcher>(),
        fakeTime: false,
        configure: flags =>
        {
            var template = upstream.Url("/") + "$repo/os/$arch";
            flags[SettingKeys.Upstreams + ":0"] = template;
            flags[SettingKeys.TorrentSources + ":0"] = template;
        });

    private async Task<byte[]> PublishAsync(string fileName, int length, int seed, string repo)
    {
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        database.Add(RepoDatabaseBuilder.EntryFor(fileName, content));
        var source = Path.Combine(Path.GetTempPath(), $"pactor-retry-{Guid.NewGuid():N}-{fileName}");
        await File.WriteAllBytesAsync(source, content);
        try
        {
            var torrent = await TorrentCreator.CreateAsync(source, new TorrentCreateOptions { Name = fileName });
            upstream.Put($"/{repo}/os/x86_64/{fileName}.torrent", torrent, Date);
        }
        finally
        {
            File.Delete(source);
        }

        upstream.Put($"/{repo}/os/x86_64/{fileName}", content, Date);
        databaseBytes = database.BuildGzip();
        upstream.Put($"/{repo}/os/x86_64/{repo}.db", databaseBytes, Date);
        return content;
    }

    private static async Task<string> MetricsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
