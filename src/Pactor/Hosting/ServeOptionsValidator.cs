using Microsoft.Extensions.Options;

namespace Pactor.Hosting;

/// <summary>One line per invalid host setting, plus the lines <see cref="ScalarSettings"/> found in the configuration.</summary>
public sealed class ServeOptionsValidator(ConfigurationProblems configurationProblems) : IValidateOptions<ServeOptions>
{
    public ValidateOptionsResult Validate(string? name, ServeOptions options)
    {
        List<string> errors = [.. configurationProblems.Lines];
        if (ListenAddress.TryParse(options.Listen, out var listenError) is null)
        {
            errors.Add($"{SettingKeys.Describe(SettingKeys.Listen)}: {listenError}");
        }

        if (TorrentClientRegistration.Problem(options.RTorrent) is { } rtorrentError)
        {
            errors.Add(rtorrentError);
        }

        if (!System.Net.IPAddress.TryParse(options.RTorrentBind, out _))
        {
            errors.Add($"Pactor:RTorrentBind: '{options.RTorrentBind}' is not an IP address");
        }

        if (options.RTorrentPort is < 0 or > 65535)
        {
            errors.Add("Pactor:RTorrentPort must be between 0 and 65535");
        }

        if (options.AccelRedirect is { Length: > 0 } accel && !IsAccelPrefix(accel))
        {
            errors.Add($"{SettingKeys.Describe(SettingKeys.AccelRedirect)}: '{accel}' must be a URL path that starts and ends with '/' (like /_pactor/), letters, digits, '-', '_' and '.' between");
        }

        if (options.AccessLogSocket is { Length: > 0 } socket && ProxyAccessLogService.Problem(socket) is { } socketError)
        {
            errors.Add($"{SettingKeys.Describe(SettingKeys.AccessLogSocket)}: {socketError}");
        }

        if (options.UpstreamTimeout <= TimeSpan.Zero)
        {
            errors.Add("Pactor:UpstreamTimeout must be more than 0");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsAccelPrefix(string prefix) =>
        prefix.Length > 1 && prefix[0] == '/' && prefix[^1] == '/' && !prefix.Contains("//", StringComparison.Ordinal)
        && !prefix.Split('/').Any(segment => segment is "." or "..")
        && prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.');
}
