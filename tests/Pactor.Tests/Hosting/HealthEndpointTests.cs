using System.Net;
using Moq;
using Pactor.RTorrent;

namespace Pactor.Tests.Hosting;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (rtorrent, cache directory, databases or upstream).</summary>
public sealed class HealthEndpointTests : IDisposable
{
    private readonly Mock<IRTorrentClient> rtorrent = new();
    private readonly MirrorFactory mirror;
    private readonly HttpClient client;

    public HealthEndpointTests()
    {
        mirror = new MirrorFactory { RTorrent = rtorrent.Object };
        client = mirror.CreateMirrorClient();
    }

    [Fact]
    public async Task Healthz_answers_ok_while_the_process_serves()
    {
        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_is_ready_when_rtorrent_answers_the_cache_is_writable_and_a_database_is_cached()
    {
        RTorrentAnswers();
        await new FakeRepository(mirror).PublishAsync("zlib-1.3-1-x86_64.pkg.tar.zst", 1000, seed: 1);
        (await client.GetAsync("/core/os/x86_64/core.db")).Dispose();
        mirror.Http.FailingHosts.Add("mirror.test");

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_without_a_cached_database_is_ready_when_an_upstream_answers_even_404()
    {
        RTorrentAnswers();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(mirror.Http.Requests, r => r.Url == "http://mirror.test/core/os/x86_64/core.db" && r.IfModifiedSince is not null);
    }

    [Fact]
    public async Task Readyz_is_503_with_one_line_per_reason()
    {
        rtorrent.Setup(r => r.GetVersionAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RTorrentUnreachableException("scgi://127.0.0.1:1", "connection refused"));
        mirror.Http.FailingHosts.Add("mirror.test");
        var temp = Path.Combine(mirror.CacheDirectory, "tmp");
        Directory.Delete(temp, recursive: true);
        await File.WriteAllTextAsync(temp, "a file where the temp folder should be");

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("rtorrent does not answer at scgi://127.0.0.1:1: cannot reach rtorrent at scgi://127.0.0.1:1: connection refused", lines[0]);
        Assert.StartsWith($"cache directory {mirror.CacheDirectory} is not writable: ", lines[1], StringComparison.Ordinal);
        Assert.Equal("no repo database cached and no upstream answers (http://mirror.test/core/os/x86_64/core.db: connection refused)", lines[2]);
    }

    [Fact]
    public async Task Readyz_asks_rtorrent_at_most_once_per_two_seconds()
    {
        RTorrentAnswers();

        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync("/readyz")).Dispose();
        }

        rtorrent.Verify(r => r.GetVersionAsync(It.IsAny<CancellationToken>()), Times.Once);
        mirror.Time.Advance(TimeSpan.FromSeconds(3));
        (await client.GetAsync("/readyz")).Dispose();
        rtorrent.Verify(r => r.GetVersionAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private void RTorrentAnswers() =>
        rtorrent.Setup(r => r.GetVersionAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new RTorrentVersion("0.9.8", "0.13.8"));

    public void Dispose()
    {
        client.Dispose();
        mirror.Dispose();
    }
}
