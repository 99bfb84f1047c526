namespace Pactor.Core.Paths;

/// <summary>
/// A mirror tree on disk (<c>ROOT/{repo}/os/{arch}/{file}</c>), read-only. Symbolic links are followed,
/// one component at a time, as the kernel would (repo-add makes <c>REPO.db</c> a link to
/// <c>REPO.db.tar.gz</c>), and a file whose real path leaves the root is not in the tree.
/// </summary>
public sealed class MirrorTree
{
    // Linux's own limit (ELOOP) on links followed while resolving one path.
    private const int MaxLinks = 40;

    /// <exception cref="DirectoryNotFoundException">The root does not exist or is not a directory.</exception>
    public MirrorTree(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var real = RealPath(Path.GetFullPath(root));
        Root = real is not null && Directory.Exists(real)
            ? Path.TrimEndingDirectorySeparator(real)
            : throw new DirectoryNotFoundException($"no such directory: {root}");
    }

    /// <summary>The root's real path (no links in it).</summary>
    public string Root { get; }

    /// <summary>The real path of a regular file in the tree, or null when there is none or its links lead out of the root.</summary>
    public string? Locate(MirrorFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var real = RealPath(Path.Join(Root, file.RelativePath));
        return real is not null && IsInside(real) && File.Exists(real) ? real : null;
    }

    private bool IsInside(string path) =>
        path.StartsWith(Path.EndsInDirectorySeparator(Root) ? Root : Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// realpath(3) without its "must exist": every link is replaced by its target, <c>..</c> is applied to
    /// a path already free of links (so it means the real parent). Null past <see cref="MaxLinks"/> links.
    /// </summary>
    private static string? RealPath(string absolute)
    {
        var pending = new Stack<string>();
        PushComponents(pending, absolute);
        var resolved = Path.GetPathRoot(absolute)!;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var next = Path.Join(resolved, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                resolved = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(target)!;
            }

            PushComponents(pending, target);
        }

        return resolved;
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
