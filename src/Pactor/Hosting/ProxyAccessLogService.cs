using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pactor.Hosting;

/// <summary>
/// Behind nginx answering cache hits from the public tree itself (README, "Behind nginx"): listens on
/// <see cref="ServeOptions.AccessLogSocket"/> for nginx's access log of those hits, sent as syslog datagrams, and hands
/// each to <see cref="ProxyHitCounter"/>. nginx writes the hits to the socket without waiting; pactor does no work on
/// nginx's path.
/// </summary>
public sealed partial class ProxyAccessLogService(
    IOptions<ServeOptions> options, ProxyHitCounter hits, ILogger<ProxyAccessLogService> logger) : BackgroundService
{
    // nginx cuts a syslog line at about 2 KiB; anything longer is not nginx's and is refused whole.
    private const int MaxDatagram = 8 * 1024;

    // sun_path holds 108 bytes with the terminating NUL.
    private const int MaxSocketPathBytes = 107;

    /// <summary>What is wrong with <paramref name="path"/> as the socket path, or null.</summary>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Path.IsPathFullyQualified(path))
        {
            return $"'{path}' must be an absolute path";
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxSocketPathBytes)
        {
            return $"'{path}' is longer than a unix socket path may be ({MaxSocketPathBytes} bytes)";
        }

        var directory = Path.GetDirectoryName(path);
        return directory is null || !Directory.Exists(directory) ? $"the folder of '{path}' does not exist"
            : Directory.Exists(path) ? $"'{path}' is a folder"
            : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AccessLogSocket is not { Length: > 0 } path || Bind(path) is not { } socket)
        {
            return;
        }

        using (socket)
        {
            var buffer = new byte[MaxDatagram + 1];
            try
            {
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, SocketFlags.None, stoppingToken);
                    if (received <= MaxDatagram)
                    {
                        RecordGuarded(buffer.AsSpan(0, received));
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down.
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    // Anyone local can write to the socket: whatever a datagram holds, the listener (and with it pactor) goes on.
    private void RecordGuarded(ReadOnlySpan<byte> datagram)
    {
        try
        {
            hits.Record(datagram);
        }
        catch (Exception e)
        {
            LogRecordCrashed(e, datagram.Length);
        }
    }

    private Socket? Bind(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            // A socket file left by an earlier pactor refuses the bind: it is replaced.
            File.Delete(path);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            // nginx's workers run as another user and need to write to it. Anyone local may then send lines, which
            // costs pactor no more than the same requests sent to its HTTP port would.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
            }
            LogListening(path);
            return socket;
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            socket.Dispose();
            LogBindFailed(path, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Counting a {Bytes}-byte datagram from the access log socket failed unexpectedly")]
    private partial void LogRecordCrashed(Exception exception, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Counting the hits nginx answers itself, from its access log on {Path}")]
    private partial void LogListening(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot listen for nginx's access log on {Path}: {Reason}; hits nginx answers itself are not counted")]
    private partial void LogBindFailed(string path, string reason);
}
