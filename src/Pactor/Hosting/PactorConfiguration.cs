using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Pactor.Hosting;

/// <summary>
/// Lays out <c>pactor serve</c>'s configuration: defaults, then the <c>--config</c> JSON file, then
/// environment variables, then command-line flags, then <see cref="ScalarSettings"/>' normalized values.
/// Nothing else is read (no appsettings.json from whatever folder pactor was started in).
/// </summary>
public static class PactorConfiguration
{
    /// <summary>Replaces the sources of <paramref name="configuration"/>; returns the problems found in durations and sizes.</summary>
    /// <exception cref="PactorStartupException">The config file is missing or not valid JSON.</exception>
    public static IReadOnlyList<string> Apply(IConfigurationBuilder configuration, MirrorAppSettings settings)
    {
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(Defaults(settings.Environment));
        if (settings.ConfigFile is { } file)
        {
            AddJsonFile(configuration, file);
        }

        configuration.AddInMemoryCollection(FromEnvironment(settings.Environment));
        configuration.AddInMemoryCollection(settings.Flags);
        var (normalized, problems) = ScalarSettings.Normalize(configuration.Build());
        configuration.AddInMemoryCollection(normalized);
        return problems;
    }

    /// <summary>
    /// The cache directory when none is set: <c>/var/cache/pactor</c> for root (a system service),
    /// else <c>$XDG_CACHE_HOME/pactor</c>, else <c>~/.cache/pactor</c>.
    /// </summary>
    public static string? DefaultCacheDirectory(IDictionary environment, bool isRoot)
    {
        if (isRoot)
        {
            return "/var/cache/pactor";
        }

        if (environment["XDG_CACHE_HOME"] is string xdg && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "pactor");
        }

        return environment["HOME"] is string home && Path.IsPathFullyQualified(home)
            ? Path.Combine(home, ".cache", "pactor")
            : null;
    }

    // The mapping of AddEnvironmentVariables(): "__" separates sections; keys are case-insensitive.
    private static Dictionary<string, string?> FromEnvironment(IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry variable in environment)
        {
            if (variable.Key is string name)
            {
                values[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = variable.Value as string;
            }
        }

        return values;
    }

    private static Dictionary<string, string?> Defaults(IDictionary environment) => new()
    {
        [SettingKeys.CacheDirectory] = DefaultCacheDirectory(environment, Environment.IsPrivilegedProcess),
    };

    private static void AddJsonFile(IConfigurationBuilder configuration, string file)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new PactorStartupException([$"--config {file}: no such file"]);
        }

        try
        {
            configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
            configuration.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new PactorStartupException([$"--config {file}: {e.Message}{(e.InnerException is { } inner ? " " + inner.Message : "")}"], e);
        }
    }
}
