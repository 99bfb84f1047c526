using Pactor.Core.Upstreams;

namespace Pactor.Hosting;

/// <summary>
/// The <c>Server =</c> lines of pacman's mirror list, read as pacman reads them: everything from
/// <c>#</c> on is a comment, the key is case-sensitive. Servers pactor cannot use (not http or https)
/// and pactor itself (pacman's list usually names pactor first) are left out.
/// </summary>
public static class MirrorList
{
    public static IReadOnlyList<string> Parse(IEnumerable<string> lines, ListenAddress? self)
    {
        var servers = new List<string>();
        foreach (var raw in lines)
        {
            var comment = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (comment < 0 ? raw : raw[..comment]).Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || line[..equals].Trim() != "Server")
            {
                continue;
            }

            var url = line[(equals + 1)..].Trim();
            if (MirrorUrlTemplate.TryParse(url, out _) is null || IsSelf(url, self) || servers.Contains(url))
            {
                continue;
            }

            servers.Add(url);
        }

        return servers;
    }

    /// <summary>The servers of the file at <paramref name="path"/>; empty when it does not exist.</summary>
    public static IReadOnlyList<string> Read(string path, ListenAddress? self) =>
        File.Exists(path) ? Parse(File.ReadLines(path), self) : [];

    private static bool IsSelf(string template, ListenAddress? self)
    {
        var probe = template.Replace("$repo", "repo", StringComparison.Ordinal).Replace("$arch", "arch", StringComparison.Ordinal);
        return self is not null && Uri.TryCreate(probe, UriKind.Absolute, out var url) && self.IsSelf(url);
    }
}
