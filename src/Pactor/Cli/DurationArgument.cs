using System.CommandLine.Parsing;
using System.Globalization;

namespace Pactor.Cli;

/// <summary>Durations as people type them: <c>5s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c>, <c>30d</c>, or TimeSpan syntax.</summary>
public static class DurationArgument
{
    public static TimeSpan? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text[^1] switch
            {
                's' => (text[..^1], 1.0),
                'm' => (text[..^1], 60.0),
                'h' => (text[..^1], 3600.0),
                'd' => (text[..^1], 86400.0),
                _ => (null, 0.0),
            };
        if (number is not null)
        {
            return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value * unit < TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(value * unit)
                : null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span : null;
    }

    public static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParse(text) is { } value && value > TimeSpan.Zero)
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration (e.g. 5s, 500ms, 2m)");
        return default;
    }
}
