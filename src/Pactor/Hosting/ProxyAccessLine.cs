using System.Globalization;
using System.Text;

namespace Pactor.Hosting;

/// <summary>
/// One request nginx answered itself from the public tree, as its access log sends it to pactor: a syslog
/// datagram as nginx writes it (<c>&lt;PRI&gt;TIMESTAMP [HOSTNAME] TAG: MESSAGE</c>) whose message has the
/// <see cref="LogFormat"/> of README's nginx configuration.
/// </summary>
/// <param name="Path">nginx's <c>$uri</c>: decoded and normalized, checked again by pactor's path rules before use.</param>
public sealed record ProxyAccessLine(string Method, int Status, long Bytes, TimeSpan Duration, string Path)
{
    /// <summary>The <c>log_format</c> nginx must use for the access log it sends to pactor.</summary>
    public const string LogFormat = "$request_method $status $body_bytes_sent $request_time $uri";

    /// <summary>The line, or null for anything that is not one (pactor's socket may receive anything local).</summary>
    public static ProxyAccessLine? Parse(ReadOnlySpan<byte> datagram)
    {
        var text = Encoding.UTF8.GetString(datagram).TrimEnd('\n');
        var close = text.IndexOf('>', StringComparison.Ordinal);
        if (!text.StartsWith('<') || close is < 2 or > 4 || text.AsSpan(1, close - 1).ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        // The tag ends at the first ": " (the timestamp's colons are followed by digits).
        var tagEnd = text.IndexOf(": ", close, StringComparison.Ordinal);
        if (tagEnd < 0)
        {
            return null;
        }

        // double.TryParse takes "NaN", "Infinity" and "-Infinity" whatever the NumberStyles: a duration must be a number.
        var fields = text[(tagEnd + 2)..].Split(' ', 5);
        return fields is [var method, var status, var bytes, var seconds, var path]
            && method.Length is > 0 and <= 16 && method.All(char.IsAsciiLetterUpper)
            && int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599
            && long.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out var sent)
            && double.TryParse(seconds, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var elapsed) && elapsed is >= 0 and < 86_400
            && path.StartsWith('/')
            ? new ProxyAccessLine(method, code, sent, TimeSpan.FromSeconds(elapsed), path)
            : null;
    }
}
