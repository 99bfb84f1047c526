using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Pactor.Hosting;

/// <summary>
/// List settings taken whole from the highest layer that sets them. The configuration binder merges
/// lists by index, so two upstreams in the file and one <c>--upstream</c> flag would give the flag's
/// upstream plus the file's second one; a command line (or environment) that names upstreams means those.
/// </summary>
public static class ConfigurationLists
{
    /// <summary>The list under <paramref name="key"/> of the highest-precedence provider that has one, else null.</summary>
    public static List<string>? Winning(IConfigurationRoot configuration, string key)
    {
        foreach (var provider in configuration.Providers.Reverse())
        {
            var indices = provider.GetChildKeys([], key)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(child => (Child: child, Index: int.TryParse(child, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1))
                .Where(c => c.Index >= 0)
                .OrderBy(c => c.Index)
                .ToList();
            if (indices.Count > 0)
            {
                return [.. indices.Select(c => provider.TryGet($"{key}:{c.Child}", out var value) ? value ?? "" : "")];
            }
        }

        return null;
    }
}
