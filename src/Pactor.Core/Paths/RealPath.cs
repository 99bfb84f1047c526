namespace Pactor.Core.Paths;

/// <summary>Resolves every symbolic link in a path, component by component (what realpath(3) does), in managed code.</summary>
internal static class RealPath
{
    // Linux gives up after 40 links (ELOOP); so do we.
    private const int MaxLinks = 40;

    /// <summary>The absolute path with no symbolic link in it. Components that do not exist are kept as they are.</summary>
    /// <exception cref="IOException">A link loop.</exception>
    public static string Resolve(string path)
    {
        var pending = new Stack<string>(Split(Path.GetFullPath(path)).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.TryPop(out var component))
        {
            if (component == ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var candidate = Join([.. resolved, component]);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved.Add(component);
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"{path}: too many levels of symbolic links");
            }

            if (Path.IsPathRooted(target))
            {
                resolved.Clear();
            }

            // The link's own components are resolved in turn, relative to the directory it sits in.
            foreach (var part in Split(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return Join(resolved);
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or inside it (both already resolved).</summary>
    public static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Join(IEnumerable<string> components) => "/" + string.Join('/', components);
}
