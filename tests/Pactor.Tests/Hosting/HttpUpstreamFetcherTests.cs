using Microsoft.Extensions.DependencyInjection;
using Pactor.Core.Upstreams;
using Pactor.Hosting;

namespace Pactor.Tests.Hosting;

/// <summary>The upstream fetcher against a real HTTP server on loopback.</summary>
public sealed class HttpUpstreamFetcherTests(LoopbackUpstream upstream) : IClassFixture<LoopbackUpstream>, IDisposable
{
    private static readonly DateTimeOffset Date = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider services = Services(TimeSpan.FromSeconds(10));

    private IUpstreamFetcher Fetcher => services.GetRequiredService<IUpstreamFetcher>();

    [Fact]
    public async Task A_200_writes_the_body_and_reports_Last_Modified_and_length()
    {
        upstream.Put("/core/os/x86_64/core.db", [1, 2, 3, 4], Date);
        using var body = new MemoryStream();

        var response = await Fetcher.GetAsync(upstream.Url("/core/os/x86_64/core.db"), body, null, 100, CancellationToken.None);

        Assert.Equal(new UpstreamResponse(UpstreamStatus.Ok, Date, 4), response);
        Assert.Equal([1, 2, 3, 4], body.ToArray());
    }

    [Fact]
    public async Task If_Modified_Since_is_sent_and_a_304_is_not_modified()
    {
        upstream.Put("/extra/os/x86_64/extra.db", [1], Date);
        using var body = new MemoryStream();

        var response = await Fetcher.GetAsync(upstream.Url("/extra/os/x86_64/extra.db"), body, Date, 100, CancellationToken.None);

        Assert.Equal(UpstreamStatus.NotModified, response.Status);
        Assert.Equal(Date, response.LastModified);
        Assert.Empty(body.ToArray());
        Assert.Contains(upstream.Requests, r => r.Path == "/extra/os/x86_64/extra.db" && r.IfModifiedSince == "Sun, 01 Nov 2026 12:00:00 GMT");
    }

    [Fact]
    public async Task Requests_carry_pactors_user_agent()
    {
        upstream.Put("/ua/os/x86_64/ua.db", [1], Date);

        await Fetcher.GetAsync(upstream.Url("/ua/os/x86_64/ua.db"), Stream.Null, null, 100, CancellationToken.None);

        Assert.Contains(upstream.Requests, r => r.Path == "/ua/os/x86_64/ua.db" && r.UserAgent == "pactor/" + Pactor.Cli.PactorCommandLine.Version);
    }

    [Theory]
    [InlineData(404, UpstreamStatus.NotFound)]
    [InlineData(410, UpstreamStatus.NotFound)]
    [InlineData(403, UpstreamStatus.Failed)]
    [InlineData(500, UpstreamStatus.Failed)]
    [InlineData(503, UpstreamStatus.Failed)]
    [InlineData(206, UpstreamStatus.Failed)]
    public async Task Statuses_map_to_outcomes(int status, UpstreamStatus expected)
    {
        var response = await Fetcher.GetAsync(upstream.Url($"/status/{status}"), Stream.Null, null, 100, CancellationToken.None);

        Assert.Equal(expected, response.Status);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(403, false)]
    [InlineData(429, false)]
    [InlineData(206, false)]
    public async Task Only_5xx_and_408_are_transient_failures(int status, bool transient)
    {
        var response = await Fetcher.GetAsync(upstream.Url($"/status/{status}"), Stream.Null, null, 100, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Failed, response.Status);
        Assert.Equal(transient, response.IsTransient);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    public async Task A_connection_reset_before_or_during_the_body_is_a_transient_failure(int afterBytes)
    {
        upstream.Put($"/reset/os/x86_64/reset-{afterBytes}.db", new byte[1000], Date);
        upstream.ResetNext($"/reset/os/x86_64/reset-{afterBytes}.db", afterBytes);

        var response = await Fetcher.GetAsync(upstream.Url($"/reset/os/x86_64/reset-{afterBytes}.db"), Stream.Null, null, 10_000, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Failed, response.Status);
        Assert.True(response.IsTransient, response.Reason);
    }

    [Fact]
    public async Task A_body_over_the_cap_with_a_Content_Length_fails_without_being_read()
    {
        upstream.Put("/big/os/x86_64/big.db", new byte[1000], Date);
        using var body = new MemoryStream();

        var response = await Fetcher.GetAsync(upstream.Url("/big/os/x86_64/big.db"), body, null, 999, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Failed, response.Status);
        Assert.Equal("larger than 999 bytes", response.Reason);
        Assert.False(response.IsTransient);
        Assert.Empty(body.ToArray());
    }

    [Fact]
    public async Task A_chunked_body_over_the_cap_fails_once_the_cap_is_passed()
    {
        using var body = new MemoryStream();

        var response = await Fetcher.GetAsync(upstream.Url("/chunked/300000"), body, null, 200_000, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Failed, response.Status);
        Assert.True(body.Length <= 200_000, $"{body.Length} bytes written");
    }

    [Fact]
    public async Task A_silent_upstream_fails_after_the_timeout()
    {
        using var impatient = Services(TimeSpan.FromMilliseconds(500));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var response = await impatient.GetRequiredService<IUpstreamFetcher>().GetAsync(upstream.Url("/stall"), Stream.Null, null, 100, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Failed, response.Status);
        Assert.StartsWith("no answer for 0.5 s", response.Reason, StringComparison.Ordinal);
        Assert.True(response.IsTransient);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_refused_connection_fails_without_throwing()
    {
        var response = await Fetcher.GetAsync(new Uri($"http://127.0.0.1:{FreePort.Find()}/core.db"), Stream.Null, null, 100, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Failed, response.Status);
        Assert.False(string.IsNullOrEmpty(response.Reason));
        Assert.True(response.IsTransient);
    }

    [Fact]
    public async Task A_redirect_to_http_is_followed()
    {
        upstream.Put("/moved/os/x86_64/moved.db", [7, 7], Date);
        using var body = new MemoryStream();
        var target = Uri.EscapeDataString(upstream.Url("/moved/os/x86_64/moved.db").ToString());

        var response = await Fetcher.GetAsync(upstream.Url($"/redirect?to={target}"), body, null, 100, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Ok, response.Status);
        Assert.Equal([7, 7], body.ToArray());
    }

    [Theory]
    [InlineData("ftp://mirror.example/core.db")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://mirror.example/core.db")]
    public async Task A_redirect_to_another_scheme_is_not_followed(string target)
    {
        using var body = new MemoryStream();

        var response = await Fetcher.GetAsync(upstream.Url($"/redirect?to={Uri.EscapeDataString(target)}"), body, null, 100, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Failed, response.Status);
        Assert.Empty(body.ToArray());
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_the_limit()
    {
        var response = await Fetcher.GetAsync(upstream.Url("/loop/0"), Stream.Null, null, 100, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Failed, response.Status);
        Assert.Equal($"more than {HttpUpstreamFetcher.MaxRedirects} redirects", response.Reason);
        Assert.False(response.IsTransient);
        Assert.Contains(upstream.Requests, r => r.Path == $"/loop/{HttpUpstreamFetcher.MaxRedirects}");
        Assert.DoesNotContain(upstream.Requests, r => r.Path == $"/loop/{HttpUpstreamFetcher.MaxRedirects + 1}");
    }

    [Fact]
    public async Task A_non_http_url_is_refused_without_a_request()
    {
        var response = await Fetcher.GetAsync(new Uri("file:///etc/passwd"), Stream.Null, null, 100, CancellationToken.None);

        Assert.Equal(UpstreamStatus.Failed, response.Status);
    }

    public void Dispose() => services.Dispose();

    private static ServiceProvider Services(TimeSpan upstreamTimeout) => new ServiceCollection()
        .AddLogging()
        .AddUpstreamFetcher()
        .Configure<ServeOptions>(o => o.UpstreamTimeout = upstreamTimeout)
        .BuildServiceProvider();
}
