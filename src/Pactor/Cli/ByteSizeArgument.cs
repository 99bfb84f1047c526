using System.CommandLine.Parsing;
using System.Globalization;

namespace Pactor.Cli;

/// <summary>Parses sizes such as <c>32768</c>, <c>32K</c>, <c>4M</c>, <c>20G</c>, <c>1T</c> (binary units).</summary>
public static class ByteSizeArgument
{
    public static long? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var multiplier = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1024L,
            'M' => 1024L * 1024,
            'G' => 1024L * 1024 * 1024,
            'T' => 1024L * 1024 * 1024 * 1024,
            _ => 1L,
        };
        var digits = multiplier == 1 ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value > long.MaxValue / multiplier)
        {
            return null;
        }

        return value * multiplier;
    }

    public static int? ParsePieceLength(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var value = TryParse(text);
        if (value is null or < 16 * 1024 or > 64 * 1024 * 1024 || (value & (value - 1)) != 0)
        {
            result.AddError($"--piece-length '{text}': expected a power of two from 16K to 64M");
            return null;
        }

        return (int)value;
    }
}
