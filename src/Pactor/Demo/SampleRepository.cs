using System.Globalization;
using System.Runtime.InteropServices;

namespace Pactor.Demo;

/// <summary>
/// The demo's mirror tree: <c>ROOT/REPO/os/ARCH/</c> with a few packages of random bytes and the repo database,
/// built in-process (no makepkg, no repo-add). ARCH is this machine's, as pacman's <c>$arch</c> with
/// <c>Architecture = auto</c> names it; the packages themselves are <c>any</c>.
/// </summary>
public sealed record SampleRepository(string Root, string Name, string Arch, IReadOnlyList<SamplePackage> Packages)
{
    public const string DefaultName = "pactor-demo";

    /// <summary>The folder the packages and the database are in.</summary>
    public string Folder => Path.Combine(Root, Name, "os", Arch);

    /// <summary>pacman's <c>$arch</c> here: <c>uname -m</c>, as .NET names the processor.</summary>
    public static string MachineArch => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "i686",
        Architecture.Arm => "armv7h",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>Writes <paramref name="count"/> packages (<c>REPO-1</c>, <c>REPO-2</c>, …) of <paramref name="payloadSize"/> bytes each and their database.</summary>
    public static async Task<SampleRepository> CreateAsync(
        string root, int count, long payloadSize, DateTimeOffset buildDate, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(payloadSize);
        var repository = new SampleRepository(Path.GetFullPath(root), DefaultName, MachineArch, []);
        Directory.CreateDirectory(repository.Folder);
        var packages = new List<SamplePackage>();
        for (var i = 1; i <= count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{DefaultName}-{i}");
            packages.Add(await SamplePackageWriter.WriteAsync(repository.Folder, name, payloadSize, buildDate, cancellationToken));
        }

        await SampleDatabaseWriter.WriteAsync(repository.Folder, DefaultName, packages, cancellationToken);
        return repository with { Packages = packages };
    }
}
