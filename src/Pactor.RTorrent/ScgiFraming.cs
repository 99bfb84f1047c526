using System.Globalization;
using System.Text;

namespace Pactor.RTorrent;

/// <summary>SCGI request framing and CGI-style reply parsing, as rtorrent speaks them.</summary>
internal static class ScgiFraming
{
    /// <summary>
    /// The netstring of NUL-terminated headers that precedes the body, ending with the ',' separator.
    /// rtorrent closes without a reply unless CONTENT_LENGTH is the first header.
    /// </summary>
    public static byte[] RequestHeader(int bodyLength)
    {
        var headers = $"CONTENT_LENGTH\0{bodyLength.ToString(CultureInfo.InvariantCulture)}\0SCGI\01\0";
        return Encoding.ASCII.GetBytes($"{headers.Length.ToString(CultureInfo.InvariantCulture)}:{headers},");
    }

    /// <summary>Splits a complete reply into its body, or says why it is not a usable status-200 reply.</summary>
    public static bool TryParseReply(ReadOnlyMemory<byte> reply, out ReadOnlyMemory<byte> body, out string? problem)
    {
        body = default;
        var span = reply.Span;
        var (headerEnd, separatorLength) = FindSeparator(span);
        if (headerEnd < 0)
        {
            problem = reply.Length == 0
                ? "the connection closed without a reply"
                : $"the reply has no blank line between headers and body ({reply.Length} bytes)";
            return false;
        }

        long? contentLength = null;
        foreach (var rawLine in Encoding.Latin1.GetString(span[..headerEnd]).Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                problem = $"malformed reply header line '{Shorten(line)}'";
                return false;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("200", StringComparison.Ordinal))
            {
                problem = $"rtorrent answered status '{Shorten(value)}'";
                return false;
            }

            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                {
                    problem = $"invalid Content-Length '{Shorten(value)}'";
                    return false;
                }

                contentLength = length;
            }
        }

        body = reply[(headerEnd + separatorLength)..];
        if (contentLength is { } expected)
        {
            if (body.Length < expected)
            {
                problem = $"the reply was cut short: {body.Length} of {expected} body bytes";
                return false;
            }

            body = body[..(int)expected];
        }

        problem = null;
        return true;
    }

    // CGI allows LF line ends; rtorrent sends CRLF. Whichever blank line comes first ends the headers.
    private static (int Index, int Length) FindSeparator(ReadOnlySpan<byte> reply)
    {
        var crlf = reply.IndexOf("\r\n\r\n"u8);
        var lf = reply.IndexOf("\n\n"u8);
        return (crlf, lf) switch
        {
            (< 0, < 0) => (-1, 0),
            (>= 0, < 0) => (crlf, 4),
            (< 0, >= 0) => (lf, 2),
            _ => crlf < lf ? (crlf, 4) : (lf, 2),
        };
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
