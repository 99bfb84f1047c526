using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;

namespace Pactor.RTorrent.Tests;

public sealed class ScgiTransportTests
{
    private static readonly byte[] RequestBody = TestFiles.Read("scgi/client-version.request-body.xml");
    private static readonly byte[] Reply = TestFiles.Read("scgi/client-version.reply.scgi");

    [Fact]
    public async Task CallAsync_over_TCP_sends_the_exact_request_bytes_and_returns_the_reply_body()
    {
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Reply(Reply));
        var transport = new ScgiTransport(server.Endpoint, new RTorrentOptions(), TimeProvider.System);

        var body = await transport.CallAsync(RequestBody, CancellationToken.None);

        Assert.Equal(TestFiles.Read("scgi/client-version.request.scgi"), Assert.Single(server.Requests));
        Assert.Equal(Reply[^152..], body);
    }

    [Fact]
    public async Task CallAsync_over_a_unix_socket_sends_the_exact_request_bytes_and_returns_the_reply_body()
    {
        using var directory = new TempDirectory();
        await using var server = FakeScgiServer.StartUnix(directory.Combine("rpc.sock"), FakeScgiServer.Reply(Reply));
        var transport = new ScgiTransport(server.Endpoint, new RTorrentOptions(), TimeProvider.System);

        var body = await transport.CallAsync(RequestBody, CancellationToken.None);

        Assert.Equal(TestFiles.Read("scgi/client-version.request.scgi"), Assert.Single(server.Requests));
        Assert.Equal(Reply[^152..], body);
    }

    [Fact]
    public async Task CallAsync_resolves_a_host_name()
    {
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Reply(Reply));
        var endpoint = RTorrentEndpoint.Parse($"scgi://localhost:{server.Endpoint.Port}");
        var transport = new ScgiTransport(endpoint, new RTorrentOptions(), TimeProvider.System);

        var body = await transport.CallAsync(RequestBody, CancellationToken.None);

        Assert.Equal(Reply[^152..], body);
    }

    [Fact]
    public async Task CallAsync_treats_a_non_200_status_as_unreachable()
    {
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Reply("Status: 503 Busy\r\n\r\n"u8.ToArray()));

        var error = await CallAndExpectUnreachable(server.Endpoint);

        Assert.Equal($"cannot reach rtorrent at {server.Endpoint}: rtorrent answered status '503 Busy'", error.Message);
    }

    [Fact]
    public async Task CallAsync_treats_a_truncated_reply_as_unreachable()
    {
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Reply(Reply[..^40]));

        var error = await CallAndExpectUnreachable(server.Endpoint);

        Assert.Contains("cut short: 112 of 152 body bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_treats_a_reply_without_header_separator_as_unreachable()
    {
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Reply("Status: 200 OK\r\nContent-Length: 3\r\n"u8.ToArray()));

        var error = await CallAndExpectUnreachable(server.Endpoint);

        Assert.Contains("no blank line between headers and body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_treats_a_close_without_reply_as_unreachable()
    {
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Reply([]));

        var error = await CallAndExpectUnreachable(server.Endpoint);

        Assert.Contains("closed without a reply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_treats_a_reset_connection_as_unreachable()
    {
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Reset());

        var error = await CallAndExpectUnreachable(server.Endpoint);

        Assert.Contains("connection reset", error.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task CallAsync_refuses_a_reply_larger_than_the_limit()
    {
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Reply(new byte[5000]));
        var transport = new ScgiTransport(server.Endpoint, new RTorrentOptions { MaxReplyBytes = 1024 }, TimeProvider.System);

        var error = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => transport.CallAsync(RequestBody, CancellationToken.None));

        Assert.Contains("larger than 1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_times_out_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Silent());
        var transport = new ScgiTransport(server.Endpoint, new RTorrentOptions { CallTimeout = TimeSpan.FromSeconds(5) }, clock);
        var call = transport.CallAsync(RequestBody, CancellationToken.None);
        await server.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(call.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal($"cannot reach rtorrent at {server.Endpoint}: no reply within 5 s", error.Message);
    }

    [Fact]
    public async Task CallAsync_reports_caller_cancellation_as_cancellation()
    {
        await using var server = FakeScgiServer.StartTcp(FakeScgiServer.Silent());
        var transport = new ScgiTransport(server.Endpoint, new RTorrentOptions(), TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        var call = transport.CallAsync(RequestBody, cancel.Token);
        await server.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task CallAsync_to_a_port_without_listener_fails_fast_as_refused()
    {
        var endpoint = RTorrentEndpoint.Parse($"scgi://127.0.0.1:{UnusedPort()}");
        var transport = new ScgiTransport(endpoint, new RTorrentOptions(), TimeProvider.System);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => transport.CallAsync(RequestBody, CancellationToken.None));

        Assert.Equal($"cannot reach rtorrent at {endpoint}: connection refused", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CallAsync_to_a_missing_unix_socket_is_unreachable()
    {
        using var directory = new TempDirectory();
        var endpoint = RTorrentEndpoint.Parse($"scgi://{directory.Combine("missing.sock")}");
        var transport = new ScgiTransport(endpoint, new RTorrentOptions(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => transport.CallAsync(RequestBody, CancellationToken.None));

        Assert.StartsWith($"cannot reach rtorrent at {endpoint}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_refuses_an_http_endpoint()
    {
        Assert.Throws<ArgumentException>(() =>
            new ScgiTransport(RTorrentEndpoint.Parse("http://127.0.0.1:8080/RPC2"), new RTorrentOptions(), TimeProvider.System));
    }

    private static async Task<RTorrentUnreachableException> CallAndExpectUnreachable(RTorrentEndpoint endpoint)
    {
        var transport = new ScgiTransport(endpoint, new RTorrentOptions(), TimeProvider.System);
        return await Assert.ThrowsAsync<RTorrentUnreachableException>(() => transport.CallAsync(RequestBody, CancellationToken.None));
    }

    /// <summary>A port that was free a moment ago: bound to port 0, then released.</summary>
    internal static int UnusedPort(string address = "127.0.0.1")
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
