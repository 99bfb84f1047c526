using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pactor.RTorrent;

/// <summary>
/// XML-RPC over SCGI, the way rtorrent serves it: one connection per call, rtorrent closes it after the
/// reply, so the reply is read to end of stream (up to <see cref="RTorrentOptions.MaxReplyBytes"/>).
/// </summary>
public sealed class ScgiTransport : IXmlRpcTransport
{
    // rtorrent's default network.xmlrpc.size_limit; bigger requests are dropped without a fault.
    private const int DefaultRTorrentSizeLimit = 524288;

    private readonly RTorrentEndpoint endpoint;
    private readonly RTorrentOptions options;
    private readonly TimeProvider timeProvider;

    public ScgiTransport(RTorrentEndpoint endpoint, RTorrentOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (endpoint.Kind == RTorrentEndpointKind.Http)
        {
            throw new ArgumentException($"{endpoint} is not an scgi endpoint", nameof(endpoint));
        }

        this.endpoint = endpoint;
        this.options = options;
        this.timeProvider = timeProvider;
    }

    public async Task<byte[]> CallAsync(ReadOnlyMemory<byte> xmlRequestBody, CancellationToken cancellationToken)
    {
        using var deadline = new CallDeadline(options.CallTimeout, timeProvider, cancellationToken);
        byte[] reply;
        try
        {
            using var socket = endpoint.Kind == RTorrentEndpointKind.ScgiUnixSocket
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            await ConnectAsync(socket, deadline.Token);
            await SendAllAsync(socket, ScgiFraming.RequestHeader(xmlRequestBody.Length), deadline.Token);
            await SendAllAsync(socket, xmlRequestBody, deadline.Token);
            reply = await ReceiveToEndAsync(socket, deadline.Token);
        }
        catch (OperationCanceledException e) when (deadline.Expired)
        {
            throw Unreachable($"no reply within {Seconds(options.CallTimeout)}", e);
        }
        catch (SocketException e)
        {
            var dropped = e.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted;
            throw Unreachable(Describe(e) + (dropped ? SizeHint(xmlRequestBody.Length) : string.Empty), e);
        }

        return ScgiFraming.TryParseReply(reply, out var body, out var problem)
            ? body.ToArray()
            : throw Unreachable(problem + (reply.Length == 0 ? SizeHint(xmlRequestBody.Length) : string.Empty));
    }

    private Task ConnectAsync(Socket socket, CancellationToken cancellationToken)
    {
        if (endpoint.Kind == RTorrentEndpointKind.ScgiUnixSocket)
        {
            return socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.SocketPath!), cancellationToken).AsTask();
        }

        return IPAddress.TryParse(endpoint.Host, out var address)
            ? socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).AsTask()
            : socket.ConnectAsync(endpoint.Host!, endpoint.Port, cancellationToken).AsTask();
    }

    private static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    private async Task<byte[]> ReceiveToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var reply = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var buffer = reply.GetMemory(16384);
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                return reply.WrittenSpan.ToArray();
            }

            reply.Advance(received);
            if (reply.WrittenCount > options.MaxReplyBytes)
            {
                throw Unreachable($"the reply is larger than {options.MaxReplyBytes} bytes");
            }
        }
    }

    private RTorrentUnreachableException Unreachable(string reason, Exception? innerException = null) =>
        new(endpoint.ToString(), reason, innerException);

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset",
        SocketError.ConnectionAborted => "connection aborted",
        SocketError.Shutdown => "connection closed while sending the request",
        SocketError.TimedOut => "connection timed out",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no route to host",
        _ => e.Message,
    };

    private static string SizeHint(int requestLength) => requestLength > DefaultRTorrentSizeLimit
        ? $" (the request was {requestLength} bytes; rtorrent drops requests over network.xmlrpc.size_limit, 512 KiB unless raised)"
        : string.Empty;

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
