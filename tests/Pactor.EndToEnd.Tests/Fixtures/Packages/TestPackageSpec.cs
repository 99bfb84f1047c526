using System.Text.RegularExpressions;

namespace Pactor.EndToEnd.Tests.Fixtures.Packages;

/// <summary>An Arch test package: its name and the files it installs.</summary>
public sealed partial record TestPackageSpec
{
    public TestPackageSpec(string name, IReadOnlyList<TestFileSpec> files)
    {
        // Both end up in a PKGBUILD (shell): keep them to characters that need no quoting.
        if (!PackageName().IsMatch(name))
        {
            throw new ArgumentException($"Unusable package name \"{name}\".", nameof(name));
        }

        if (files.Count == 0)
        {
            throw new ArgumentException($"Package {name} installs no file.", nameof(files));
        }

        if (files.FirstOrDefault(file => !InstallPath().IsMatch(file.InstallPath) || file.InstallPath.Split('/').Any(part => part is "." or "..")) is { } bad)
        {
            throw new ArgumentException($"Package {name}: \"{bad.InstallPath}\" is not a plain relative path.", nameof(files));
        }

        Name = name;
        Files = files;
    }

    public string Name { get; }

    public IReadOnlyList<TestFileSpec> Files { get; }

    /// <summary>A package installing one file of <paramref name="size"/> bytes at <c>usr/share/NAME/payload.bin</c>.</summary>
    public static TestPackageSpec WithPayload(string name, long size, int seed) =>
        new(name, [new TestFileSpec($"usr/share/{name}/payload.bin", size, seed)]);

    [GeneratedRegex("^[a-z0-9][a-z0-9@._+-]{0,60}$")]
    private static partial Regex PackageName();

    [GeneratedRegex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex InstallPath();
}
