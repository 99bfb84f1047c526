using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Pactor.RTorrent.Tests;

public sealed class HttpXmlRpcTransportTests
{
    private static readonly byte[] RequestBody = TestFiles.Read("scgi/client-version.request-body.xml");

    [Fact]
    public async Task CallAsync_posts_text_xml_with_basic_auth_to_the_url_without_user_info()
    {
        HttpRequestMessage? seen = null;
        byte[]? seenBody = null;
        using var handler = new StubHandler(async (request, token) =>
        {
            seen = request;
            seenBody = await request.Content!.ReadAsByteArrayAsync(token);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("<reply/>"u8.ToArray()) };
        });
        using var http = new HttpClient(handler);
        var endpoint = RTorrentEndpoint.Parse("https://pactor:s%3Acret@seedbox.example/RPC2");
        var transport = new HttpXmlRpcTransport(endpoint, http, new RTorrentOptions(), TimeProvider.System);

        var reply = await transport.CallAsync(RequestBody, CancellationToken.None);

        Assert.Equal("<reply/>"u8.ToArray(), reply);
        Assert.NotNull(seen);
        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Equal(new Uri("https://seedbox.example/RPC2"), seen.RequestUri);
        Assert.Equal("text/xml", seen.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("Basic", seen.Headers.Authorization!.Scheme);
        Assert.Equal("pactor:s:cret", Encoding.UTF8.GetString(Convert.FromBase64String(seen.Headers.Authorization.Parameter!)));
        Assert.Equal(RequestBody, seenBody);
    }

    [Fact]
    public async Task CallAsync_without_user_info_sends_no_authorization()
    {
        HttpRequestMessage? seen = null;
        using var handler = new StubHandler((request, _) =>
        {
            seen = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });
        });
        using var http = new HttpClient(handler);
        var transport = new HttpXmlRpcTransport(RTorrentEndpoint.Parse("http://127.0.0.1:8080/RPC2"), http, new RTorrentOptions(), TimeProvider.System);

        await transport.CallAsync(RequestBody, CancellationToken.None);

        Assert.Null(seen!.Headers.Authorization);
    }

    [Fact]
    public async Task CallAsync_treats_a_non_2xx_status_as_unreachable()
    {
        using var handler = new StubHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized)));
        using var http = new HttpClient(handler);
        var transport = new HttpXmlRpcTransport(RTorrentEndpoint.Parse("http://u:secret@127.0.0.1:8080/RPC2"), http, new RTorrentOptions(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => transport.CallAsync(RequestBody, CancellationToken.None));

        Assert.Equal("cannot reach rtorrent at http://u:***@127.0.0.1:8080/RPC2: HTTP 401 Unauthorized", error.Message);
    }

    [Fact]
    public async Task CallAsync_treats_a_connection_failure_as_unreachable()
    {
        using var handler = new StubHandler((_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:8080)"));
        using var http = new HttpClient(handler);
        var transport = new HttpXmlRpcTransport(RTorrentEndpoint.Parse("http://127.0.0.1:8080/RPC2"), http, new RTorrentOptions(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => transport.CallAsync(RequestBody, CancellationToken.None));

        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_refuses_a_reply_larger_than_the_limit()
    {
        using var handler = new StubHandler((_, _) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(new byte[5000])) }));
        using var http = new HttpClient(handler);
        var transport = new HttpXmlRpcTransport(
            RTorrentEndpoint.Parse("http://127.0.0.1:8080/RPC2"), http, new RTorrentOptions { MaxReplyBytes = 1024 }, TimeProvider.System);

        var error = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => transport.CallAsync(RequestBody, CancellationToken.None));

        Assert.Contains("larger than 1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_times_out_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = new StubHandler(async (_, token) =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        using var http = new HttpClient(handler);
        var transport = new HttpXmlRpcTransport(
            RTorrentEndpoint.Parse("http://127.0.0.1:8080/RPC2"), http, new RTorrentOptions { CallTimeout = TimeSpan.FromSeconds(2) }, clock);
        var call = transport.CallAsync(RequestBody, CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.EndsWith("no reply within 2 s", error.Message, StringComparison.Ordinal);
    }

    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            send(request, cancellationToken);
    }
}
