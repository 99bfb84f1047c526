using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Pactor.RTorrent;

/// <summary>
/// The rc templates shipped in the repository's rtorrent/ folder (embedded here) and their renderer.
/// Values are checked rather than quoted: rtorrent's rc language gives meaning to spaces, quotes, ',',
/// ';', '$', '{' and '#', so a value holding any of them is refused instead of escaped.
/// </summary>
public static partial class RTorrentConfigTemplate
{
    public const string SeedboxFileName = "seedbox.rtorrent.rc";
    public const string ClientFileName = "client.rtorrent.rc";

    /// <summary>The template for the machine that seeds the packages.</summary>
    public static string Seedbox => ReadEmbedded(SeedboxFileName);

    /// <summary>The template for a pacman machine that downloads packages (and seeds them on).</summary>
    public static string Client => ReadEmbedded(ClientFileName);

    /// <exception cref="ArgumentException">An unsafe value, or a template with an unknown placeholder or without its <c>@SCGI@</c> line.</exception>
    public static string Render(string template, RTorrentConfigValues values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        if (!ScgiLine().IsMatch(template))
        {
            throw new ArgumentException("the template has no line that is just @SCGI@", nameof(template));
        }

        var local = values.LocalAddress ?? values.BindAddress;
        if (local.Equals(IPAddress.Any) || local.Equals(IPAddress.IPv6Any))
        {
            throw new ArgumentException("a wildcard bind address needs an explicit LocalAddress to announce", nameof(values));
        }

        if (values.Port is < 1 or > 65535)
        {
            throw new ArgumentException($"rtorrent config value Port {values.Port} is not from 1 to 65535", nameof(values));
        }

        var replacements = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SESSION_DIR"] = SafePath(nameof(values.SessionDirectory), values.SessionDirectory),
            ["DOWNLOAD_DIR"] = SafePath(nameof(values.DownloadDirectory), values.DownloadDirectory),
            ["LOG_FILE"] = SafePath(nameof(values.LogFile), values.LogFile),
            ["SCGI"] = ScgiCommand(values.Scgi),
            ["BIND_ADDRESS"] = values.BindAddress.ToString(),
            ["LOCAL_ADDRESS"] = local.ToString(),
            ["PORT"] = values.Port.ToString(CultureInfo.InvariantCulture),
        };
        return Placeholder().Replace(template, match => replacements.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new ArgumentException($"the template has an unknown placeholder {match.Value}", nameof(template)));
    }

    private static string ScgiCommand(RTorrentEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        switch (endpoint.Kind)
        {
            case RTorrentEndpointKind.ScgiUnixSocket:
                return $"network.scgi.open_local = {SafePath("Scgi", endpoint.SocketPath!)}";
            case RTorrentEndpointKind.ScgiTcp
                when IPAddress.TryParse(endpoint.Host, out var address)
                    && address.AddressFamily == AddressFamily.InterNetwork
                    && IPAddress.IsLoopback(address):
                return $"network.scgi.open_port = {address}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
            default:
                throw new ArgumentException(
                    $"rtorrent config value Scgi '{endpoint}' must be scgi://127.x.y.z:PORT or a unix socket: SCGI has no authentication",
                    nameof(endpoint));
        }
    }

    private static string SafePath(string name, string path)
    {
        if (string.IsNullOrEmpty(path) || !Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"rtorrent config value {name} '{path}' must be an absolute path", nameof(path));
        }

        var bad = path.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+'));
        return bad == default
            ? path
            : throw new ArgumentException(
                $"rtorrent config value {name} '{path.ReplaceLineEndings(" ")}' contains {Describe(bad)}, which the rc parser could misread; " +
                "use letters, digits and / . _ - + only",
                nameof(path));
    }

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c)
        ? $"U+{(int)c:X4}"
        : $"'{c}'";

    private static string ReadEmbedded(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Pactor.RTorrent.{fileName}")
            ?? throw new InvalidOperationException($"{fileName} is not embedded in {typeof(RTorrentConfigTemplate).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("@([A-Z_]+)@")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^@SCGI@$", RegexOptions.Multiline)]
    private static partial Regex ScgiLine();
}
