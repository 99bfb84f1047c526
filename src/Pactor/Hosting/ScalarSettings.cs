using System.Globalization;
using Microsoft.Extensions.Configuration;
using Pactor.Cli;
using Pactor.Core.Mirror;

namespace Pactor.Hosting;

/// <summary>
/// Durations and sizes in any configuration layer may be written as on the command line (<c>5s</c>,
/// <c>4M</c>). They are rewritten in the binder's syntax in a top layer; a value that is neither
/// becomes a problem line instead of a binder exception with a stack trace.
/// </summary>
public static class ScalarSettings
{
    public static (Dictionary<string, string?> Normalized, List<string> Problems) Normalize(IConfiguration configuration)
    {
        var normalized = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var key in SettingKeys.Durations)
        {
            if (configuration[key] is { } text)
            {
                if (DurationArgument.TryParse(text) is { } value)
                {
                    normalized[key] = value.ToString("c", CultureInfo.InvariantCulture);
                }
                else
                {
                    normalized[key] = DefaultOf(key);
                    problems.Add($"{SettingKeys.Describe(key)}: '{text}' is not a duration (like 5s, 500ms, 2m or 00:00:05)");
                }
            }
        }

        foreach (var key in SettingKeys.Sizes)
        {
            if (configuration[key] is { } text)
            {
                if (ByteSizeArgument.TryParse(text.Trim()) is { } value)
                {
                    normalized[key] = value.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    normalized[key] = DefaultOf(key);
                    problems.Add($"{SettingKeys.Describe(key)}: '{text}' is not a size in bytes (like 4194304, 4096K or 4M)");
                }
            }
        }

        foreach (var key in SettingKeys.Switches)
        {
            if (configuration[key] is { } text)
            {
                if (Switch(text) is { } value)
                {
                    normalized[key] = value ? "true" : "false";
                }
                else
                {
                    normalized[key] = DefaultOf(key);
                    problems.Add($"{SettingKeys.Describe(key)}: '{text}' is not true or false");
                }
            }
        }

        return (normalized, problems);
    }

    private static bool? Switch(string text) => text.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "ON" or "1" => true,
        "FALSE" or "NO" or "OFF" or "0" => false,
        _ => null,
    };

    // A value that cannot be read is replaced by the default, so that binding succeeds and validation reports everything at once.
    private static string? DefaultOf(string key)
    {
        var name = key[(MirrorOptions.Section.Length + 1)..];
        var value = typeof(MirrorOptions).GetProperty(name)?.GetValue(new MirrorOptions())
            ?? typeof(ServeOptions).GetProperty(name)?.GetValue(new ServeOptions());
        return Convert.ToString(value, CultureInfo.InvariantCulture);
    }
}
