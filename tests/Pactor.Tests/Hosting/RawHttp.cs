using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pactor.Tests.Hosting;

/// <summary>
/// One HTTP/1.1 request written byte for byte on a socket (HttpClient would normalize the target), optionally
/// from a chosen local address, and the whole answer read back: status, headers, raw body.
/// </summary>
internal sealed record RawHttp(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public static async Task<RawHttp> GetAsync(Uri server, string target, IPAddress? from = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(from, 0));
        }

        await socket.ConnectAsync(server.Host, server.Port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n"));
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        return Parse(answer.ToArray());
    }

    public string BodyText => Encoding.Latin1.GetString(Body);

    private static RawHttp Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, $"no header end in {Encoding.Latin1.GetString(bytes)}");
        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = bytes[(end + 4)..];
        return new RawHttp(status, headers, headers.ContainsKey("Transfer-Encoding") ? Unchunk(body) : body);
    }

    // Kestrel chunks answers written without a length: hex size line, data, CRLF, until a 0 size.
    private static byte[] Unchunk(byte[] chunked)
    {
        var data = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8) + at;
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, lineEnd - at).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return data.ToArray();
            }

            data.Write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
