using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pactor.EndToEnd.Tests.Fixtures.Processes;

namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>
/// Builds test packages with the real makepkg: one split PKGBUILD (<c>pkgname=(a b c)</c>), so one makepkg run
/// makes them all (3 packages of 200 KB, 2 MB, 20 MB: about 4 s on 2 cores).
/// </summary>
/// <remarks>
/// Traps: makepkg refuses to run as root, so it runs as <c>nobody</c> through runuser (which needs root);
/// everything nobody writes (PKGDEST, SRCDEST, BUILDDIR, HOME) is handed to nobody with chown, and its parents must
/// be traversable (Directory.CreateTempSubdirectory makes 0700 directories). Debian's makepkg.conf defaults to
/// <c>.pkg.tar.gz</c>, so PKGEXT is set. makepkg prints "failed to initialize alpm library (root: /, dbpath:
/// /var/lib/pacman/)" while writing .BUILDINFO on a system without a pacman database: harmless, the package is fine.
/// <c>arch=('any')</c> sidesteps CARCH (x86_64 in Debian's makepkg.conf); pacman installs "any" packages whatever
/// its own Architecture.
/// </remarks>
public static class MakepkgBuilder
{
    public const string Version = "1.0-1";
    public const string PackageExtension = ".pkg.tar.zst";

    private const string BuildUser = "nobody";

    // A fixed build date and file times. (The packages still differ between runs: .BUILDINFO records the
    // temporary builddir/startdir and the PKGBUILD's hash.)
    private const string SourceDateEpoch = "1700000000";

    /// <summary>Builds <paramref name="specs"/> into <paramref name="outputDirectory"/> (created; must be reachable by nobody).</summary>
    /// <exception cref="ExternalCommandException">makepkg is missing or failed; the message has its output.</exception>
    public static async Task<PackageBuild> BuildAsync(
        IReadOnlyList<TestPackageSpec> specs, string outputDirectory, CancellationToken cancellationToken = default)
    {
        RequiredProgram.EnsureRoot("makepkg refuses root, so it runs as nobody through runuser, which needs root");
        foreach (var program in new[] { "makepkg", "fakeroot", "bsdtar", "zstd", "runuser", "chown" })
        {
            RequiredProgram.Find(program);
        }

        if (specs.Count == 0 || specs.Select(spec => spec.Name).Distinct(StringComparer.Ordinal).Count() != specs.Count)
        {
            throw new ArgumentException("Give at least one package, each name once.", nameof(specs));
        }

        using var work = TempDirectory.Create("makepkg");
        var startDirectory = work.Sub("start");
        var sources = await WriteSourcesAsync(specs, startDirectory, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(startDirectory, "PKGBUILD"), Pkgbuild(specs, sources), cancellationToken);

        Directory.CreateDirectory(outputDirectory);
        var (sourceCache, buildDirectory, home) = (work.Sub("src"), work.Sub("build"), work.Sub("home"));
        (await ExternalCommand.RunAsync("chown", [BuildUser, sourceCache, buildDirectory, home, outputDirectory], cancellationToken: cancellationToken))
            .EnsureSuccess();

        var clock = Stopwatch.StartNew();
        var makepkg = await ExternalCommand.RunAsync(
            "runuser",
            [
                "-u", BuildUser, "--", "env",
                $"HOME={home}", $"PKGEXT={PackageExtension}", $"PKGDEST={outputDirectory}", $"SRCDEST={sourceCache}",
                $"BUILDDIR={buildDirectory}", $"SOURCE_DATE_EPOCH={SourceDateEpoch}", "PACKAGER=pactor e2e <e2e@localhost>", "LC_ALL=C",
                "makepkg", "--nodeps", "--noconfirm", "--nocolor",
            ],
            workingDirectory: startDirectory,
            timeout: TimeSpan.FromMinutes(3),
            cancellationToken: cancellationToken);
        makepkg.EnsureSuccess();
        var duration = clock.Elapsed;

        var packages = new List<BuiltPackage>();
        foreach (var spec in specs)
        {
            packages.Add(await DescribeAsync(spec, outputDirectory, sources[spec.Name], makepkg, cancellationToken));
        }

        return new PackageBuild(outputDirectory, packages, duration, makepkg.Describe());
    }

    private static async Task<Dictionary<string, List<(string Source, BuiltFile File)>>> WriteSourcesAsync(
        IReadOnlyList<TestPackageSpec> specs, string startDirectory, CancellationToken cancellationToken)
    {
        var sources = new Dictionary<string, List<(string, BuiltFile)>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var spec in specs)
        {
            var files = sources[spec.Name] = [];
            foreach (var file in spec.Files)
            {
                var source = $"source-{index++}.bin";
                var path = Path.Combine(startDirectory, source);
                await file.WriteAsync(path, cancellationToken);
                files.Add((source, new BuiltFile(file.InstallPath, file.Size, await Sha256Async(path, cancellationToken))));
            }
        }

        return sources;
    }

    private static string Pkgbuild(IReadOnlyList<TestPackageSpec> specs, Dictionary<string, List<(string Source, BuiltFile File)>> sources)
    {
        var all = sources.Values.SelectMany(files => files).Select(entry => entry.Source).ToList();
        var text = new StringBuilder()
            .Append("pkgbase=pactor-e2e\n")
            .Append(CultureInfo.InvariantCulture, $"pkgname=({string.Join(' ', specs.Select(spec => spec.Name))})\n")
            .Append(CultureInfo.InvariantCulture, $"pkgver={Version.Split('-')[0]}\npkgrel={Version.Split('-')[1]}\n")
            .Append("pkgdesc='pactor end-to-end test package'\narch=('any')\nlicense=('custom')\n")
            // Keep the payload exactly as written: no stripping, compressing or purging.
            .Append("options=('!strip' '!debug' '!zipman' '!purge' '!docs' '!emptydirs')\n")
            .Append(CultureInfo.InvariantCulture, $"source=({string.Join(' ', all)})\n")
            .Append(CultureInfo.InvariantCulture, $"sha256sums=({string.Join(' ', all.Select(_ => "SKIP"))})\n");
        foreach (var spec in specs)
        {
            text.Append(CultureInfo.InvariantCulture, $"package_{spec.Name}() {{\n");
            foreach (var (source, file) in sources[spec.Name])
            {
                text.Append(CultureInfo.InvariantCulture, $"  install -Dm644 \"$srcdir/{source}\" \"$pkgdir/{file.InstallPath}\"\n");
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    private static async Task<BuiltPackage> DescribeAsync(
        TestPackageSpec spec, string outputDirectory, List<(string Source, BuiltFile File)> files, CommandResult makepkg, CancellationToken cancellationToken)
    {
        var fileName = $"{spec.Name}-{Version}-any{PackageExtension}";
        var path = Path.Combine(outputDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new ExternalCommandException($"makepkg did not make {fileName}", makepkg.Describe());
        }

        return new BuiltPackage(spec.Name, Version, fileName, new FileInfo(path).Length, await Sha256Async(path, cancellationToken), [.. files.Select(entry => entry.File)]);
    }

    /// <summary>Lower-case hex, as in a repo database's %SHA256SUM%.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
