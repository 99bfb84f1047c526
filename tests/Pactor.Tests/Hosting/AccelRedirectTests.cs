using System.Net;
using System.Net.Http.Headers;
using Pactor.Hosting;
using Pactor.Tests.Cli;

namespace Pactor.Tests.Hosting;

/// <summary>
/// <c>--accel-redirect</c>: behind nginx (which marks its requests with <c>X-Sendfile-Type: X-Accel-Redirect</c>)
/// a file pactor would send is named in <c>X-Accel-Redirect</c> instead; anyone else gets the file itself.
/// </summary>
public sealed class AccelRedirectTests : IDisposable
{
    private const string DatabasePath = "/core/os/x86_64/core.db";
    private readonly MirrorFactory mirror = new(configure: flags => flags[SettingKeys.AccelRedirect] = "/_pactor/");
    private readonly FakeRepository repository;
    private readonly HttpClient client;

    public AccelRedirectTests()
    {
        repository = new FakeRepository(mirror);
        client = mirror.CreateMirrorClient();
    }

    [Fact]
    public async Task A_request_from_nginx_gets_an_empty_answer_naming_the_file_under_the_internal_location()
    {
        await repository.PublishAsync("zlib-1.3-1-x86_64.pkg.tar.zst", 1000, seed: 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, DatabasePath);
        request.Headers.Add(FileSender.SendfileTypeHeader, "X-Accel-Redirect");
        request.Headers.Range = new RangeHeaderValue(10, null);

        using var response = await client.SendAsync(request);

        // Range is nginx's to apply to the file: pactor answers 200 whatever the request asked.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var location = Assert.Single(response.Headers.GetValues(FileSender.AccelRedirectHeader));
        Assert.StartsWith("/_pactor/", location, StringComparison.Ordinal);
        var onDisk = Path.Combine(mirror.CacheDirectory, location["/_pactor/".Length..]);
        Assert.Equal(repository.DatabaseBytes, await File.ReadAllBytesAsync(onDisk));
    }

    [Fact]
    public async Task The_status_counts_the_bytes_nginx_sends_for_pactor()
    {
        await repository.PublishAsync("zlib-1.3-1-x86_64.pkg.tar.zst", 1000, seed: 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, DatabasePath);
        request.Headers.Add(FileSender.SendfileTypeHeader, "X-Accel-Redirect");

        using var response = await client.SendAsync(request);
        var status = await client.GetStringAsync("/api/status");

        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains($"\"bytes\":{repository.DatabaseBytes.Length}", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_did_not_come_through_nginx_gets_the_file()
    {
        await repository.PublishAsync("zlib-1.3-1-x86_64.pkg.tar.zst", 1000, seed: 1);

        using var response = await client.GetAsync(DatabasePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(FileSender.AccelRedirectHeader));
        Assert.Equal(repository.DatabaseBytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Answers_that_are_not_files_are_unchanged()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/core/os/x86_64/..%2Fsecret.pkg.tar.zst");
        request.Headers.Add(FileSender.SendfileTypeHeader, "X-Accel-Redirect");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains(FileSender.AccelRedirectHeader));
    }

    [Theory]
    [InlineData("_pactor/")]
    [InlineData("/_pactor")]
    [InlineData("/a//b/")]
    [InlineData("/../etc/")]
    [InlineData("/a b/")]
    public async Task A_prefix_that_is_not_a_plain_url_path_is_refused_at_start_up(string prefix)
    {
        using var temp = new TempDirectory();

        var run = await CliRun.InvokeAsync(
            "serve", "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"),
            "--upstream", "http://mirror.test/$repo/os/$arch", "--rtorrent", "scgi://127.0.0.1:5000", "--accel-redirect", prefix);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [$"pactor: Pactor:AccelRedirect (--accel-redirect): '{prefix}' must be a URL path that starts and ends with '/' (like /_pactor/), letters, digits, '-', '_' and '.' between"],
            run.ErrorLines);
    }

    public void Dispose()
    {
        client.Dispose();
        mirror.Dispose();
    }
}
