namespace Pactor.EndToEnd.Tests.Fixtures.Processes;

/// <summary>Finds the external programs the end-to-end tests drive; a missing one fails with the package to install.</summary>
public static class RequiredProgram
{
    // Debian 12 package names: makepkg needs bsdtar (libarchive-tools) and fakeroot but does not depend on bsdtar.
    private static readonly Dictionary<string, string> DebianPackages = new(StringComparer.Ordinal)
    {
        ["pacman"] = "pacman-package-manager",
        ["repo-add"] = "pacman-package-manager",
        ["makepkg"] = "makepkg",
        ["fakeroot"] = "fakeroot",
        ["bsdtar"] = "libarchive-tools",
        ["zstd"] = "zstd",
        ["runuser"] = "util-linux",
        ["rtorrent"] = "rtorrent",
        ["opentracker"] = "opentracker",
        ["nginx"] = "nginx",
    };

    /// <summary>The full path of <paramref name="name"/> on PATH.</summary>
    /// <exception cref="ExternalCommandException">It is not on PATH.</exception>
    public static string Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/sbin"))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var hint = DebianPackages.TryGetValue(name, out var package) ? $" (apt-get install {package})" : string.Empty;
        throw new ExternalCommandException($"The end-to-end tests need '{name}', which is not on PATH{hint}.");
    }

    /// <summary>Fails unless the tests run as root: pacman -S needs root, and so does runuser for makepkg.</summary>
    public static void EnsureRoot(string why)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new ExternalCommandException($"The end-to-end tests must run as root: {why}.");
        }
    }
}
