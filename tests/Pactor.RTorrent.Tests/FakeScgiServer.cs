using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pactor.RTorrent.Tests;

/// <summary>
/// A local SCGI listener (TCP on 127.0.0.1 or a unix socket) that reads each request completely,
/// records its bytes, then answers as the test says: like rtorrent, or broken on purpose.
/// </summary>
internal sealed class FakeScgiServer : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly Func<Socket, byte[], CancellationToken, Task> answer;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;
    private readonly string? socketPath;

    private FakeScgiServer(Socket listener, RTorrentEndpoint endpoint, Func<Socket, byte[], CancellationToken, Task> answer, string? socketPath)
    {
        this.listener = listener;
        this.answer = answer;
        this.socketPath = socketPath;
        Endpoint = endpoint;
        acceptLoop = AcceptAsync();
    }

    public RTorrentEndpoint Endpoint { get; }

    public ConcurrentQueue<byte[]> Requests { get; } = new();

    /// <summary>Completes when the first request has been read in full.</summary>
    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static FakeScgiServer StartTcp(Func<Socket, byte[], CancellationToken, Task> answer)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        return new FakeScgiServer(listener, RTorrentEndpoint.Parse($"scgi://127.0.0.1:{port}"), answer, null);
    }

    public static FakeScgiServer StartUnix(string socketPath, Func<Socket, byte[], CancellationToken, Task> answer)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        return new FakeScgiServer(listener, RTorrentEndpoint.Parse($"scgi://{socketPath}"), answer, socketPath);
    }

    /// <summary>Sends these bytes and closes, as rtorrent does.</summary>
    public static Func<Socket, byte[], CancellationToken, Task> Reply(byte[] reply) => async (socket, _, token) =>
    {
        await socket.SendAsync(reply, SocketFlags.None, token);
        socket.Shutdown(SocketShutdown.Both);
    };

    /// <summary>Aborts the connection with a TCP reset (or a plain close on a unix socket).</summary>
    public static Func<Socket, byte[], CancellationToken, Task> Reset() => (socket, _, _) =>
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
        return Task.CompletedTask;
    };

    /// <summary>Keeps the connection open and never answers.</summary>
    public static Func<Socket, byte[], CancellationToken, Task> Silent() => (_, _, token) => Task.Delay(Timeout.Infinite, token);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
            // the accept loop ends by cancellation
        }

        stopping.Dispose();
        if (socketPath is not null)
        {
            File.Delete(socketPath);
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                var request = await ReadRequestAsync(connection, stopping.Token);
                Requests.Enqueue(request);
                FirstRequest.TrySetResult();
                await answer(connection, request, stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                FirstRequest.TrySetException(e);
            }
        }
    }

    /// <summary>Reads "LEN:headers," and then CONTENT_LENGTH body bytes.</summary>
    private static async Task<byte[]> ReadRequestAsync(Socket connection, CancellationToken token)
    {
        var received = new List<byte>();
        var chunk = new byte[4096];
        long? total = null;
        while (total is null || received.Count < total)
        {
            var count = await connection.ReceiveAsync(chunk, SocketFlags.None, token);
            if (count == 0)
            {
                break;
            }

            received.AddRange(chunk.AsSpan(0, count).ToArray());
            total ??= TotalLength(received);
        }

        return [.. received];
    }

    private static long? TotalLength(List<byte> received)
    {
        var colon = received.IndexOf((byte)':');
        if (colon < 0)
        {
            return null;
        }

        var headerLength = int.Parse(Encoding.ASCII.GetString([.. received.GetRange(0, colon)]), CultureInfo.InvariantCulture);
        if (received.Count < colon + 1 + headerLength + 1)
        {
            return null;
        }

        var headers = Encoding.ASCII.GetString([.. received.GetRange(colon + 1, headerLength)]).Split('\0');
        var contentLength = long.Parse(headers[1], CultureInfo.InvariantCulture);
        return colon + 1 + headerLength + 1 + contentLength;
    }
}
