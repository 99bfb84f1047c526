using Microsoft.Extensions.Options;
using Pactor.Core.Tracker;

namespace Pactor.Hosting;

/// <summary>One line per invalid origin or tracker setting.</summary>
public sealed class SeedboxOptionsValidator : IValidateOptions<ServeOptions>
{
    public ValidateOptionsResult Validate(string? name, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.IsOrigin && !Directory.Exists(options.Root))
        {
            errors.Add($"{SettingKeys.Describe(SettingKeys.Root)}: no such directory: {options.Root}");
        }

        if (options.TrackerInterval < TrackerOptions.ShortestInterval || options.TrackerInterval > TrackerOptions.LongestInterval)
        {
            errors.Add($"{SettingKeys.Describe(SettingKeys.TrackerInterval)} must be from 5s to 1h");
        }

        if (options.TrackerWhitelist is { Length: > 0 } whitelist)
        {
            if (!options.Tracker)
            {
                errors.Add($"{SettingKeys.Describe(SettingKeys.TrackerWhitelist)} is for the tracker: add --tracker");
            }
            else if (Path.GetDirectoryName(Path.GetFullPath(whitelist)) is { } folder && !Directory.Exists(folder))
            {
                // The file itself may come later (pactor seed writes it); until then every announce is refused.
                errors.Add($"{SettingKeys.Describe(SettingKeys.TrackerWhitelist)}: no such directory: {folder}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
