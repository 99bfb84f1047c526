using System.Diagnostics;
using System.Runtime.InteropServices;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>
/// A pacman repository laid out as a mirror: <c>MIRROR_ROOT/{repo}/os/{arch}/</c> holding the packages,
/// <c>REPO.db</c> and <c>REPO.files</c> (repo-add's symbolic links to <c>REPO.db.tar.gz</c> etc.).
/// </summary>
public sealed class PackageRepo
{
    private PackageRepo(string mirrorRoot, string name, RepoDatabaseCompression compression, IReadOnlyList<BuiltPackage> packages, TimeSpan repoAddDuration)
    {
        MirrorRoot = mirrorRoot;
        Name = name;
        Compression = compression;
        Packages = packages;
        RepoAddDuration = repoAddDuration;
    }

    /// <summary>
    /// pacman's <c>$arch</c> with <c>Architecture = auto</c>: <c>uname -m</c>. Packages are <c>any</c>, but the
    /// Server line pacman builds uses this, so the tree must too.
    /// </summary>
    public static string MachineArch { get; } = RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "i686",
        var other => other.ToString().ToLowerInvariant(),
    };

    public string MirrorRoot { get; }

    public string Name { get; }

    public RepoDatabaseCompression Compression { get; }

    public IReadOnlyList<BuiltPackage> Packages { get; }

    public TimeSpan RepoAddDuration { get; }

    /// <summary>The folder with packages and databases: <c>MIRROR_ROOT/{repo}/os/{arch}</c>.</summary>
    public string Directory => Path.Combine(MirrorRoot, Name, "os", MachineArch);

    /// <summary>The URL path of that folder, <c>/{repo}/os/{arch}</c>.</summary>
    public string UrlPath => $"/{Name}/os/{MachineArch}";

    /// <summary><c>REPO.db</c>, what pacman -Sy asks for (a symbolic link to the compressed tar).</summary>
    public string DatabasePath => Path.Combine(Directory, $"{Name}.db");

    public IEnumerable<string> PackageNames => Packages.Select(package => package.Name);

    public BuiltPackage this[string name] =>
        Packages.FirstOrDefault(package => package.Name == name) ?? throw new KeyNotFoundException($"Repo {Name} has no package {name}.");

    /// <summary>A pacman <c>Server =</c> template for a mirror of this tree at <paramref name="baseUrl"/>.</summary>
    public static string ServerTemplate(Uri baseUrl) => $"{baseUrl.ToString().TrimEnd('/')}/$repo/os/$arch";

    public string PathOf(BuiltPackage package) => Path.Combine(Directory, package.FileName);

    /// <summary>Copies <paramref name="build"/>'s packages into a new repo under <paramref name="mirrorRoot"/> and runs repo-add.</summary>
    public static async Task<PackageRepo> CreateAsync(
        string mirrorRoot, string name, PackageBuild build, RepoDatabaseCompression compression = RepoDatabaseCompression.Gzip, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(mirrorRoot, name, "os", MachineArch)).FullName;
        foreach (var package in build.Packages)
        {
            File.Copy(build.PathOf(package), Path.Combine(directory, package.FileName));
        }

        var extension = compression switch
        {
            RepoDatabaseCompression.Gzip => "gz",
            RepoDatabaseCompression.Zstd => "zst",
            RepoDatabaseCompression.Xz => "xz",
            _ => throw new ArgumentOutOfRangeException(nameof(compression)),
        };
        var clock = Stopwatch.StartNew();
        // repo-add runs fine as root; it needs bsdtar. It writes REPO.db.tar.EXT and REPO.files.tar.EXT and links REPO.db/REPO.files to them.
        (await ExternalCommand.RunAsync(
            "repo-add",
            ["--quiet", "--nocolor", $"{name}.db.tar.{extension}", .. build.Packages.Select(package => package.FileName)],
            workingDirectory: directory,
            cancellationToken: cancellationToken)).EnsureSuccess();
        return new PackageRepo(mirrorRoot, name, compression, build.Packages, clock.Elapsed);
    }

    /// <summary>
    /// Flips one byte in the middle of the package file: same size (so %CSIZE% still matches), another SHA-256
    /// than the database's %SHA256SUM%. Only on a test's own copy: the shared repo is read-only.
    /// </summary>
    public void TamperWith(BuiltPackage package)
    {
        using var file = new FileStream(PathOf(package), FileMode.Open, FileAccess.ReadWrite);
        file.Position = file.Length / 2;
        var original = file.ReadByte();
        file.Position = file.Length / 2;
        file.WriteByte((byte)(original ^ 0xff));
    }

    /// <summary>A full copy of this repo (symbolic links kept) under another mirror root, e.g. to tamper with a package.</summary>
    public PackageRepo CopyTo(string mirrorRoot)
    {
        var target = System.IO.Directory.CreateDirectory(Path.Combine(mirrorRoot, Name, "os", MachineArch)).FullName;
        foreach (var entry in new DirectoryInfo(Directory).EnumerateFiles())
        {
            var destination = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(destination, link);
            }
            else
            {
                entry.CopyTo(destination);
            }
        }

        return new PackageRepo(mirrorRoot, Name, Compression, Packages, TimeSpan.Zero);
    }
}
