using System.Net;
using System.Net.Http.Headers;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;

namespace Pactor.EndToEnd.Tests.Mirror;

[Collection(EndToEndCollection.Name)]
public sealed class StaticMirrorServerTests(PackageRepoFixture fixture) : IAsyncLifetime
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private StaticMirrorServer _server = null!;

    private PackageRepo Repo => fixture.Repo;

    private BuiltPackage Small => Repo[PackageRepoFixture.Small];

    public async Task InitializeAsync() => _server = await StaticMirrorServer.StartAsync(Repo.MirrorRoot);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task Get_serves_the_file_and_logs_the_request()
    {
        var bytes = await _client.GetByteArrayAsync(Url(Small.FileName));

        Assert.Equal(await File.ReadAllBytesAsync(Repo.PathOf(Small)), bytes);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("GET", 200, Small.Size, true), (request.Method, request.StatusCode, request.ContentLength, request.IsPackage));
    }

    [Fact]
    public async Task The_database_symbolic_link_is_followed()
    {
        var bytes = await _client.GetByteArrayAsync(Url($"{Repo.Name}.db"));

        Assert.Equal(await File.ReadAllBytesAsync(Repo.DatabasePath), bytes);
        Assert.True(Assert.Single(_server.Requests).IsDatabase);
    }

    [Fact]
    public async Task Range_gives_206_with_content_range()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(Small.FileName));
        request.Headers.Range = new RangeHeaderValue(1000, null);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 1000-{Small.Size - 1}/{Small.Size}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal((await File.ReadAllBytesAsync(Repo.PathOf(Small)))[1000..], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes=1000-", Assert.Single(_server.Requests).Range);
    }

    [Fact]
    public async Task If_modified_since_the_last_modified_time_gives_304()
    {
        using var first = await _client.GetAsync(Url(Small.FileName));
        var lastModified = first.Content.Headers.LastModified;
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(Small.FileName));
        request.Headers.IfModifiedSince = lastModified;

        using var second = await _client.SendAsync(request);

        Assert.NotNull(lastModified);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal([200, 304], _server.Requests.Select(logged => logged.StatusCode));
    }

    [Fact]
    public async Task Head_gives_the_length_without_a_body()
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url(Small.FileName)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Small.Size, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("no-such.pkg.tar.zst")]
    [InlineData("../../../../../../etc/passwd")]
    [InlineData("%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    public async Task Missing_or_outside_files_give_404(string name)
    {
        using var response = await _client.GetAsync(new Uri(_server.BaseUrl + $"{Repo.Name}/os/{PackageRepo.MachineArch}/{name}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Fail_and_redirect_rules_answer_for_the_paths_they_match()
    {
        _server.WhenPackage(MirrorBehavior.Fail(503));
        _server.When(path => path.EndsWith(".db", StringComparison.Ordinal), MirrorBehavior.RedirectTo(new Uri("http://127.0.0.9:1/base/")));
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var package = await noRedirects.GetAsync(Url(Small.FileName));
        using var database = await noRedirects.GetAsync(Url($"{Repo.Name}.db"));
        _server.ServeEverything();
        using var again = await noRedirects.GetAsync(Url(Small.FileName));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, package.StatusCode);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, database.StatusCode);
        Assert.Equal(new Uri($"http://127.0.0.9:1/base{Repo.UrlPath}/{Repo.Name}.db"), database.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_stalled_request_sends_nothing_and_is_logged_as_aborted_when_the_client_gives_up()
    {
        _server.WhenPackage(MirrorBehavior.Stall);
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(Url(Small.FileName)));

        var logged = await WaitForRequestAsync();
        Assert.Equal((0, MirrorBehaviorKind.Stall, true), (logged.StatusCode, logged.Behavior, logged.Aborted));
    }

    [Fact]
    public async Task A_stalled_request_does_not_hold_up_disposal()
    {
        await using var server = await StaticMirrorServer.StartAsync(Repo.MirrorRoot, LoopbackRoles.SecondMirror);
        server.WhenPackage(MirrorBehavior.Stall);
        var pending = _client.GetAsync(new Uri(server.BaseUrl, $"{Repo.UrlPath.TrimStart('/')}/{Small.FileName}"));
        await WaitUntilAsync(() => server.Requests.Count > 0 || pending.IsCompleted, TimeSpan.FromMilliseconds(200));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await server.DisposeAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"disposal took {clock.Elapsed}");
        Assert.StartsWith($"http://{LoopbackRoles.SecondMirror}:", server.BaseUrl.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
    }

    private Uri Url(string fileName) => new(_server.BaseUrl, $"{Repo.UrlPath.TrimStart('/')}/{fileName}");

    private async Task<MirrorRequest> WaitForRequestAsync()
    {
        // The server logs a request when its handler ends, a moment after the client hung up.
        await WaitUntilAsync(() => _server.Requests.Count > 0, TimeSpan.FromSeconds(5));
        return Assert.Single(_server.Requests);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition() && !deadline.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
