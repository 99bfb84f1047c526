using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Pactor.Tests.Hosting;

/// <summary>
/// Every hostile path is a 400 or a 404, never a 200 or a 500, and reaches nothing: no upstream
/// fetch, no torrent client call, no file in the cache.
/// </summary>
public sealed class HostilePathTests(HostilePathFixture fixture) : IClassFixture<HostilePathFixture>
{
    [Fact]
    public void The_corpus_has_at_least_forty_paths() => Assert.True(HostilePaths.All.Count >= 40, $"{HostilePaths.All.Count} paths");

    [Theory]
    [MemberData(nameof(HostilePaths.All), MemberType = typeof(HostilePaths))]
    public async Task Through_the_test_server_a_hostile_path_is_refused_and_touches_nothing(string path)
    {
        // The path as Kestrel hands it to the application: percent-decoded except %2F. Set on the
        // request directly, as HttpClient would normalize it and TestServer's client refuses NUL.
        var decoded = Uri.UnescapeDataString(path.Replace("%2f", "%252f", StringComparison.OrdinalIgnoreCase));

        var context = await fixture.Factory.Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Path = new PathString(decoded);
        });

        Assert.True(context.Response.StatusCode is 400 or 404, $"{path} answered {context.Response.StatusCode}");
        AssertNothingTouched();
    }

    [Theory]
    [MemberData(nameof(HostilePaths.All), MemberType = typeof(HostilePaths))]
    public async Task Through_HttpClient_a_hostile_path_is_refused_and_touches_nothing(string path)
    {
        using var client = fixture.Factory.CreateMirrorClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));

        var status = await StatusOrRefusedBeforeSendingAsync(client, request);

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path} answered {(int?)status}");
        AssertNothingTouched();
    }

    [Theory]
    [MemberData(nameof(HostilePaths.All), MemberType = typeof(HostilePaths))]
    public async Task Through_Kestrel_a_raw_hostile_request_target_is_refused_and_touches_nothing(string path)
    {
        var status = await RawStatusAsync("GET", path);

        Assert.True(status is 400 or 404, $"{path} answered {status}");
        AssertNothingTouched();
    }

    [Theory]
    [InlineData("GET /core/os/x86_64/core.db%00 HTTP/1.1")]
    [InlineData("GET /core/os/x86_64/core\r.db HTTP/1.1")]
    [InlineData("GET http://evil.test/core/os/x86_64/../../../etc/passwd HTTP/1.1")]
    [InlineData("GET /core/os/x86_64/co re.db HTTP/1.1")]
    [InlineData("HEAD /core/os/x86_64/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1")]
    public async Task Malformed_request_lines_are_refused_and_touch_nothing(string requestLine)
    {
        var status = await RawStatusAsync(requestLine);

        Assert.True(status is 400 or 404, $"{requestLine} answered {status}");
        AssertNothingTouched();
    }

    [Fact]
    public async Task A_bad_path_is_refused_with_one_plain_text_line()
    {
        using var client = fixture.Factory.CreateMirrorClient();

        using var response = await client.GetAsync("/core/os/x86_64/foo%3Bd.erase%3D-1-1-x86_64.pkg.tar.zst");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bad request: not a mirror path\n", await response.Content.ReadAsStringAsync());
    }

    private void AssertNothingTouched()
    {
        fixture.Fetcher.VerifyNoOtherCalls();
        fixture.Torrents.Verify(t => t.ListAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.AtMost(2));
        fixture.Torrents.VerifyNoOtherCalls();
        Assert.Empty(fixture.CachedFiles());
        Assert.Equal(["db", "packages", "public", "tmp", "verified"], fixture.CacheFolders());
    }

    // TestServer's client refuses to send a path with NUL in it (Kestrel answers such a request 400).
    private static async Task<HttpStatusCode?> StatusOrRefusedBeforeSendingAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
        {
            return HttpStatusCode.BadRequest;
        }
    }

    private Task<int> RawStatusAsync(string method, string target) => RawStatusAsync($"{method} {target} HTTP/1.1");

    // HttpClient normalizes what it sends; a socket sends the request line exactly as written.
    private async Task<int> RawStatusAsync(string requestLine)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(fixture.KestrelUrl.Host, fixture.KestrelUrl.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"{requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync() ?? "";
        var parts = statusLine.Split(' ');
        Assert.True(parts.Length >= 2 && parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal), $"no status line for {requestLine}: '{statusLine}'");
        return int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
