namespace Pactor.Core.Paths;

/// <summary>
/// A mirror tree on disk (<c>ROOT/{repo}/os/{arch}/{file}</c>), read-only. Symbolic links are followed,
/// one component at a time, as the kernel would (repo-add makes <c>REPO.db</c> a link to
/// <c>REPO.db.tar.gz</c>), and a file whose real path leaves the root is not in the tree.
/// </summary>
public sealed class MirrorTree
{
    /// <exception cref="DirectoryNotFoundException">The root does not exist or is not a directory.</exception>
    public MirrorTree(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var real = RealPathOrNull(root);
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
        var real = RealPathOrNull(Path.Join(Root, file.RelativePath));
        return real is not null && RealPath.IsInside(real, Root) && File.Exists(real) ? real : null;
    }

    // A link loop is no path at all: not a root, not a file in the tree.
    private static string? RealPathOrNull(string path)
    {
        try
        {
            return RealPath.Resolve(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
