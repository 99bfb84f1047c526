namespace Pactor.Cli;

/// <summary>Checks URL-valued options: absolute, http(s) (or udp for trackers), no user info.</summary>
public static class UrlArguments
{
    public static IReadOnlyList<string> Validate(string option, string[]? values, bool allowUdp)
    {
        if (values is null)
        {
            return [];
        }

        foreach (var value in values)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
                || !(uri.Scheme is "http" or "https" || (allowUdp && uri.Scheme == "udp"))
                || string.IsNullOrEmpty(uri.Host))
            {
                var schemes = allowUdp ? "http, https or udp" : "http or https";
                throw new CliException($"{option} '{value}': not an absolute {schemes} URL");
            }
        }

        return values;
    }
}
