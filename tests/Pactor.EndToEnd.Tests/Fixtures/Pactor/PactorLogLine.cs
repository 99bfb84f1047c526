using System.Globalization;
using System.Text.RegularExpressions;

namespace Pactor.EndToEnd.Tests.Fixtures.Pactor;

/// <summary>
/// Reads pactor's request log lines (<c>MirrorRequestLog</c>): <c>GET /repo/os/arch/FILE SOURCE STATUS N bytes T ms</c>.
/// </summary>
public static partial class PactorLogLine
{
    /// <summary>The byte count of a request line; 0 for a line that is not one.</summary>
    public static long Bytes(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = RequestLine().Match(line);
        return match.Success ? long.Parse(match.Groups["bytes"].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>How long pactor took to answer a request line (its "T ms", from the request to the last byte).</summary>
    /// <exception cref="FormatException">The line is not a request line.</exception>
    public static TimeSpan Duration(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = RequestLine().Match(line);
        return match.Success
            ? TimeSpan.FromMilliseconds(double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture))
            : throw new FormatException($"not a pactor request line: {line}");
    }

    [GeneratedRegex(@" (?<status>[1-5][0-9]{2}) (?<bytes>[0-9]+) bytes (?<ms>[0-9]+(\.[0-9]+)?) ms")]
    private static partial Regex RequestLine();
}
