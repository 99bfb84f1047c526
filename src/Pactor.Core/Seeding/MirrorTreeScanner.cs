using Pactor.Core.Paths;

namespace Pactor.Core.Seeding;

/// <summary>
/// Lists a standard mirror tree, <c>ROOT/{repo}/os/{arch}/FILE</c>. Only names <see cref="MirrorPath"/> accepts are
/// looked at, so rsync's hidden temporary files, databases, signatures and stray files are never packages.
/// Symbolic links are followed only while they stay inside the root (Arch mirrors link <c>os/{arch}</c>
/// packages into <c>pool/</c>).
/// </summary>
internal static class MirrorTreeScanner
{
    /// <exception cref="DirectoryNotFoundException">The root is not a directory.</exception>
    public static MirrorTreeScan Scan(string root)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"{root}: not a directory");
        }

        var realRoot = RealPath.Resolve(fullRoot);
        var packages = new List<PackageFileEntry>();
        var torrents = new List<string>();
        var skipped = new List<SeedProblem>();
        var seenDirectories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (repo, arch, directory) in ArchDirectories(fullRoot))
        {
            var realDirectory = RealPath.Resolve(directory);
            if (!RealPath.IsInside(realDirectory, realRoot))
            {
                skipped.Add(new SeedProblem(directory, $"leads out of the mirror root (to {realDirectory}), not followed"));
                continue;
            }

            // Two names for one folder (a link to a sibling arch) would publish every torrent twice.
            if (!seenDirectories.Add(realDirectory))
            {
                continue;
            }

            foreach (var path in List(Directory.EnumerateFiles, directory))
            {
                var file = MirrorPath.TryParse(repo, arch, Path.GetFileName(path));
                if (file?.Kind == MirrorFileKind.Torrent)
                {
                    torrents.Add(path);
                }
                else if (file?.Kind == MirrorFileKind.Package)
                {
                    AddPackage(file, path, realRoot, packages, skipped);
                }
            }
        }

        return new MirrorTreeScan(packages, torrents, skipped);
    }

    private static void AddPackage(MirrorFile file, string path, string realRoot, List<PackageFileEntry> packages, List<SeedProblem> skipped)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            var target = RealPath.Resolve(path);
            if (!RealPath.IsInside(target, realRoot))
            {
                skipped.Add(new SeedProblem(path, $"symbolic link leads out of the mirror root (to {target}), not followed"));
                return;
            }

            info = new FileInfo(target);
            if (!info.Exists)
            {
                skipped.Add(new SeedProblem(path, $"broken symbolic link (to {target})"));
                return;
            }
        }

        // A sync may delete the file between the listing and this look at it: then it is simply not there.
        if (info.Exists)
        {
            packages.Add(new PackageFileEntry(file, path, info.Length, info.LastWriteTimeUtc));
        }
    }

    /// <summary>The entries of a folder, sorted.</summary>
    private static List<string> List(Func<string, IEnumerable<string>> enumerate, string directory)
    {
        try
        {
            return [.. enumerate(directory).Order(StringComparer.Ordinal)];
        }
        catch (DirectoryNotFoundException)
        {
            // Removed by a sync since it was listed: it holds nothing now.
            return [];
        }
    }

    private static IEnumerable<(string Repo, string Arch, string Directory)> ArchDirectories(string root)
    {
        foreach (var repoDirectory in List(Directory.EnumerateDirectories, root))
        {
            var repo = Path.GetFileName(repoDirectory);
            var os = Path.Combine(repoDirectory, "os");
            if (!MirrorPath.IsName(repo) || !Directory.Exists(os))
            {
                continue;
            }

            foreach (var archDirectory in List(Directory.EnumerateDirectories, os))
            {
                var arch = Path.GetFileName(archDirectory);
                if (MirrorPath.IsName(arch))
                {
                    yield return (repo, arch, archDirectory);
                }
            }
        }
    }
}
