using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Pactor.Core.Upstreams;

namespace Pactor.Tests.Hosting;

/// <summary>What pacman sees: Last-Modified, 304, Range/206, HEAD, swarm packages, the hedge redirect, 504, fast 404.</summary>
public sealed class ServingTests : IDisposable
{
    private const string DatabasePath = "/core/os/x86_64/core.db";
    private readonly MirrorFactory mirror = new();
    private readonly FakeRepository repository;
    private readonly HttpClient client;

    public ServingTests()
    {
        repository = new FakeRepository(mirror);
        client = mirror.CreateMirrorClient();
    }

    [Fact]
    public async Task A_database_is_served_with_its_upstream_Last_Modified()
    {
        await repository.PublishAsync("zlib-1.3-1-x86_64.pkg.tar.zst", 1000, seed: 1);

        using var response = await client.GetAsync(DatabasePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(repository.DatabaseBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(FakeRepository.DatabaseDate, response.Content.Headers.LastModified);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(repository.DatabaseBytes.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task If_Modified_Since_the_cached_date_answers_304_without_a_body()
    {
        await repository.PublishAsync("zlib-1.3-1-x86_64.pkg.tar.zst", 1000, seed: 1);
        (await client.GetAsync(DatabasePath)).Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Get, DatabasePath);
        request.Headers.IfModifiedSince = FakeRepository.DatabaseDate;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(mirror.Http.Requests, r => r.Url == FakeRepository.DatabaseUrl && r.IfModifiedSince == FakeRepository.DatabaseDate);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public async Task Range_from_an_offset_answers_206_with_the_rest_of_the_file(int offset)
    {
        await repository.PublishAsync("zlib-1.3-1-x86_64.pkg.tar.zst", 1000, seed: 1);
        var length = repository.DatabaseBytes.Length;
        using var request = new HttpRequestMessage(HttpMethod.Get, DatabasePath);
        request.Headers.Range = new RangeHeaderValue(offset, null);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {offset}-{length - 1}/{length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(length - offset, response.Content.Headers.ContentLength);
        Assert.Equal(repository.DatabaseBytes[offset..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_answers_the_headers_of_GET_without_a_body()
    {
        await repository.PublishAsync("zlib-1.3-1-x86_64.pkg.tar.zst", 1000, seed: 1);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, DatabasePath));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(repository.DatabaseBytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal(FakeRepository.DatabaseDate, response.Content.Headers.LastModified);
        Assert.Equal("bytes", string.Join(",", response.Headers.AcceptRanges));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_package_the_swarm_completes_and_that_matches_the_database_is_served()
    {
        const string name = "zlib-1.3-1-x86_64.pkg.tar.zst";
        var content = await repository.PublishAsync(name, 200_000, seed: 2);
        (await client.GetAsync(DatabasePath)).Dispose();

        var pending = client.GetAsync($"/core/os/x86_64/{name}");
        await MirrorTraffic.WaitUntilAsync(() => mirror.Swarm.Loads == 1);
        mirror.Swarm.Complete(name, content);
        using var response = await mirror.AdvanceUntilAnsweredAsync(pending, TimeSpan.FromMilliseconds(100));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, mirror.Http.Requests.Count(r => r.Url.EndsWith("/" + name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_package_the_swarm_has_not_finished_by_the_hedge_deadline_is_redirected_upstream()
    {
        const string name = "zlib-1.3-1-x86_64.pkg.tar.zst";
        await repository.PublishAsync(name, 200_000, seed: 2);
        (await client.GetAsync(DatabasePath)).Dispose();

        var pending = client.GetAsync($"/core/os/x86_64/{name}");
        await MirrorTraffic.WaitUntilAsync(() => mirror.Swarm.Loads == 1);
        Assert.False(pending.IsCompleted);
        mirror.Time.Advance(TimeSpan.FromSeconds(5));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri($"http://mirror.test/core/os/x86_64/{name}"), response.Headers.Location);
    }

    [Fact]
    public async Task A_database_no_upstream_can_deliver_and_no_copy_of_answers_504()
    {
        mirror.Http.FailingHosts.Add("mirror.test");

        using var response = await client.GetAsync(DatabasePath);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Single((await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_missing_database_signature_is_a_prompt_404()
    {
        await repository.PublishAsync("zlib-1.3-1-x86_64.pkg.tar.zst", 1000, seed: 1);
        var watch = Stopwatch.StartNew();

        using var response = await client.GetAsync(DatabasePath + ".sig");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Equal("not found: no upstream has it\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_with_one_line_and_no_stack_trace()
    {
        await using var broken = new MirrorFactory(fetcher: new ThrowingFetcher());
        using var brokenClient = broken.CreateMirrorClient();

        using var response = await brokenClient.GetAsync(DatabasePath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("internal error\n", await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        client.Dispose();
        mirror.Dispose();
    }


    private sealed class ThrowingFetcher : IUpstreamFetcher
    {
        public Task<UpstreamResponse> GetAsync(Uri url, Stream destination, DateTimeOffset? ifModifiedSince, long maxBytes, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug\n   at Somewhere.Secret()");
    }
}
