using Pactor.Core.Paths;

namespace Pactor.Core.Store;

/// <summary>
/// Where pactor keeps things under its cache directory:
/// <c>db/{repo}/os/{arch}/</c> files copied from upstream (databases, signatures), <c>packages/{repo}/os/{arch}/</c> the
/// torrent client's download area (packages are seeded in place), <c>verified/…</c> one marker per
/// package that passed the database check, <c>public/{repo}/os/{arch}/</c> links to the verified packages
/// for a web server in front of pactor (<see cref="PublicTree"/>).
/// </summary>
public sealed class CacheLayout(string root)
{
    private const string MarkerSuffix = ".sha256";

    public string Root { get; } = Path.GetFullPath(root);

    public string UpstreamCopyPath(MirrorFile file) => Path.Combine(Root, "db", file.Repo, "os", file.Arch, file.FileName);

    public string PackagesDirectory => Path.Combine(Root, "packages");

    public string PackageDirectory(MirrorFile file) => Path.Combine(PackagesDirectory, file.Repo, "os", file.Arch);

    public string PackagePath(MirrorFile file) => Path.Combine(PackageDirectory(file), file.FileName);

    public string MarkerPath(MirrorFile file) => Path.Combine(VerifiedDirectory, file.Repo, "os", file.Arch, file.PackageFileName + MarkerSuffix);

    public string VerifiedDirectory => Path.Combine(Root, "verified");

    public string PublicDirectory => Path.Combine(Root, "public");

    public string PublicPath(MirrorFile file) => Path.Combine(PublicDirectory, file.Repo, "os", file.Arch, file.FileName);

    /// <summary>The package a path in the public tree stands for, or null for anything else.</summary>
    public MirrorFile? PackageOfPublic(string path) => PackageUnder(PublicDirectory, path);

    /// <summary>The package a marker path vouches for, or null for anything else.</summary>
    public MirrorFile? PackageOfMarker(string path) =>
        path.EndsWith(MarkerSuffix, StringComparison.Ordinal) ? PackageUnder(VerifiedDirectory, path[..^MarkerSuffix.Length]) : null;

    /// <summary>The package a path in the download area belongs to, or null for anything else.</summary>
    public MirrorFile? PackageAt(string path) => PackageUnder(PackagesDirectory, path);

    private static MirrorFile? PackageUnder(string directory, string path)
    {
        var relative = Path.GetRelativePath(directory, Path.GetFullPath(path));
        var parts = relative.Split(Path.DirectorySeparatorChar);
        return parts is [var repo, "os", var arch, var name]
            && MirrorPath.TryParse(repo, arch, name) is { Kind: MirrorFileKind.Package } file
            ? file
            : null;
    }

    /// <summary>The built-in tracker's peer table, kept across restarts (<c>pactor serve --tracker</c>).</summary>
    public string TrackerStatePath => Path.Combine(Root, "tracker", "peers.bencode");

    public string TempDirectory => Path.Combine(Root, "tmp");

    /// <summary>Creates the folders pactor writes to; throws when the cache directory is not writable.</summary>
    public void Create()
    {
        foreach (var folder in (ReadOnlySpan<string>)["db", "packages", "verified", "public", "tmp"])
        {
            Directory.CreateDirectory(Path.Combine(Root, folder));
        }
    }
}
