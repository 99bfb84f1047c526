using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pactor.RTorrent;

/// <summary>
/// Where rtorrent's XML-RPC interface is: <c>scgi://HOST:PORT</c>, <c>scgi:///ABSOLUTE/SOCKET</c>,
/// or <c>http(s)://[USER:PASSWORD@]HOST[:PORT]/PATH</c>. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class RTorrentEndpoint
{
    /// <summary>A unix socket's sun_path holds 108 bytes including the terminating NUL.</summary>
    public const int MaxSocketPathBytes = 107;

    private const string Forms = "scgi://HOST:PORT, scgi:///ABSOLUTE/SOCKET or http(s)://[USER:PASSWORD@]HOST[:PORT]/PATH";

    private RTorrentEndpoint(RTorrentEndpointKind kind, string? host, int port, string? socketPath, Uri? httpUri, string? userName, string? password)
    {
        Kind = kind;
        Host = host;
        Port = port;
        SocketPath = socketPath;
        HttpUri = httpUri;
        UserName = userName;
        Password = password;
    }

    public RTorrentEndpointKind Kind { get; }

    /// <summary>Host name or IP address (IPv6 without brackets) for TCP and HTTP endpoints, else null.</summary>
    public string? Host { get; }

    /// <summary>TCP port for TCP and HTTP endpoints (HTTP's default port when the URL has none), else 0.</summary>
    public int Port { get; }

    /// <summary>Absolute path of the unix socket, else null.</summary>
    public string? SocketPath { get; }

    /// <summary>The HTTP(S) URL to POST to, without user info; null for SCGI.</summary>
    public Uri? HttpUri { get; }

    /// <summary>Basic-auth user of an HTTP endpoint, if any.</summary>
    public string? UserName { get; }

    internal string? Password { get; }

    /// <exception cref="RTorrentEndpointFormatException">The text is not one of the supported forms.</exception>
    public static RTorrentEndpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var endpoint, out var problem)
            ? endpoint
            : throw new RTorrentEndpointFormatException($"invalid rtorrent endpoint '{Redact(text)}': {problem}");
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out RTorrentEndpoint? endpoint) =>
        TryParse(text, out endpoint, out _);

    /// <summary>The endpoint as text, with the password replaced by <c>***</c>.</summary>
    public override string ToString() => Kind switch
    {
        RTorrentEndpointKind.ScgiTcp => $"scgi://{HostForUri(Host!)}:{Port.ToString(CultureInfo.InvariantCulture)}",
        RTorrentEndpointKind.ScgiUnixSocket => $"scgi://{SocketPath}",
        _ => $"{HttpUri!.Scheme}://{UserInfoForDisplay()}{HttpUri.Authority}{HttpUri.PathAndQuery}",
    };

    private string UserInfoForDisplay() => UserName is null
        ? string.Empty
        : Uri.EscapeDataString(UserName) + (Password is null ? string.Empty : ":***") + "@";

    private static string HostForUri(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    private static bool TryParse(
        string? text, [NotNullWhen(true)] out RTorrentEndpoint? endpoint, [NotNullWhen(false)] out string? problem)
    {
        endpoint = null;
        problem = Check(text);
        if (problem is not null)
        {
            return false;
        }

        var schemeEnd = text!.IndexOf("://", StringComparison.Ordinal);
        var scheme = text[..schemeEnd].ToLowerInvariant();
        (endpoint, problem) = scheme switch
        {
            "scgi" => ParseScgi(text[(schemeEnd + 3)..]),
            "http" or "https" => ParseHttp(text),
            _ => (null, $"unknown scheme '{scheme}' (expected {Forms})"),
        };
        return endpoint is not null;
    }

    private static string? Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return $"it is empty (expected {Forms})";
        }

        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "it contains whitespace or control characters";
        }

        return text.IndexOf("://", StringComparison.Ordinal) <= 0 ? $"no scheme (expected {Forms})" : null;
    }

    private static (RTorrentEndpoint?, string?) ParseScgi(string rest)
    {
        if (rest.Contains('?', StringComparison.Ordinal))
        {
            return (null, "query strings are not allowed on scgi endpoints");
        }

        if (rest.Contains('#', StringComparison.Ordinal))
        {
            return (null, "fragments are not allowed on scgi endpoints");
        }

        return rest.StartsWith('/') ? ParseSocketPath(rest) : ParseScgiAuthority(rest);
    }

    private static (RTorrentEndpoint?, string?) ParseSocketPath(string path)
    {
        if (path.Contains('%', StringComparison.Ordinal))
        {
            return (null, "percent-encoding is not supported in socket paths");
        }

        if (path.Split('/')[1..].Any(segment => segment is "" or "." or ".."))
        {
            return (null, "the socket path must be a normalized absolute file path (no '//', '.', '..' or trailing '/')");
        }

        var bytes = Encoding.UTF8.GetByteCount(path);
        return bytes > MaxSocketPathBytes
            ? (null, $"the socket path is {bytes} bytes, more than the {MaxSocketPathBytes} a unix socket allows")
            : (new RTorrentEndpoint(RTorrentEndpointKind.ScgiUnixSocket, null, 0, path, null, null, null), null);
    }

    private static (RTorrentEndpoint?, string?) ParseScgiAuthority(string authority)
    {
        if (authority.Contains('@', StringComparison.Ordinal))
        {
            return (null, "user info is not allowed on scgi endpoints (SCGI has no authentication)");
        }

        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return (null, "scgi over TCP takes no path (a unix socket is scgi:///ABSOLUTE/PATH, with three slashes)");
        }

        string host;
        string port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(authority[1..close], out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return (null, "the bracketed host is not an IPv6 address");
            }

            host = authority[1..close];
            var afterHost = authority[(close + 1)..];
            if (!afterHost.StartsWith(':'))
            {
                return (null, "missing port (expected scgi://[IPV6]:PORT)");
            }

            port = afterHost[1..];
        }
        else
        {
            var colons = authority.Count(c => c == ':');
            if (colons > 1)
            {
                return (null, "an IPv6 address needs brackets (scgi://[::1]:PORT)");
            }

            if (colons == 0)
            {
                return (null, "missing port (expected scgi://HOST:PORT; a unix socket is scgi:///ABSOLUTE/PATH)");
            }

            var colon = authority.IndexOf(':', StringComparison.Ordinal);
            host = authority[..colon];
            port = authority[(colon + 1)..];
            if (HostProblem(host) is { } hostProblem)
            {
                return (null, hostProblem);
            }
        }

        return PortProblem(port, out var number) is { } portProblem
            ? (null, portProblem)
            : (new RTorrentEndpoint(RTorrentEndpointKind.ScgiTcp, host, number, null, null, null, null), null);
    }

    private static string? HostProblem(string host)
    {
        if (host.Length == 0)
        {
            return "missing host";
        }

        var looksNumeric = host.All(c => char.IsAsciiDigit(c) || c == '.');
        var valid = looksNumeric
            ? IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') == 3
            : Uri.CheckHostName(host) == UriHostNameType.Dns;
        return valid ? null : $"'{host}' is not a valid host name or IPv4 address";
    }

    private static string? PortProblem(string port, out int number)
    {
        if (port.Length == 0)
        {
            number = 0;
            return "missing port";
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is >= 1 and <= 65535
            ? null
            : $"port '{port}' is not a number from 1 to 65535";
    }

    private static (RTorrentEndpoint?, string?) ParseHttp(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            return (null, "not a valid http(s) URL");
        }

        if (uri.Fragment.Length > 0)
        {
            return (null, "fragments are not allowed");
        }

        if (uri.Host.Length == 0 || uri.Port is < 1 or > 65535)
        {
            return (null, "missing host or invalid port");
        }

        string? user = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            if (user.Length == 0 || user.Contains(':', StringComparison.Ordinal))
            {
                return (null, "the user name must be non-empty and must not contain ':' (basic auth)");
            }
        }

        var withoutUserInfo = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        return (new RTorrentEndpoint(RTorrentEndpointKind.Http, host, uri.Port, null, withoutUserInfo, user, password), null);
    }

    /// <summary>The text with any password in its user info replaced by <c>***</c> and control characters by '?', for one-line error messages.</summary>
    internal static string Redact(string text)
    {
        text = string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
        var start = text.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        start += 3;
        var end = text.IndexOfAny(['/', '?', '#'], start);
        var at = text.LastIndexOf('@', (end < 0 ? text.Length : end) - 1, (end < 0 ? text.Length : end) - start);
        var colon = at < 0 ? -1 : text.IndexOf(':', start, at - start);
        return colon < 0 ? text : string.Concat(text.AsSpan(0, colon + 1), "***", text.AsSpan(at));
    }
}
