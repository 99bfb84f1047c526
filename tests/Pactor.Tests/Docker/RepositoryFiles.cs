using System.Runtime.CompilerServices;

namespace Pactor.Tests.Docker;

/// <summary>Files of the repository checkout the tests were built from.</summary>
internal static class RepositoryFiles
{
    private const string Marker = "Pactor.sln";

    /// <summary>
    /// The folder holding Pactor.sln: found above the test binaries, or, when PACTOR_ARTIFACTS puts
    /// them outside the checkout, above this source file.
    /// </summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var folder = start is { Length: > 0 } ? new DirectoryInfo(start) : null; folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, Marker)))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException($"no {Marker} above {AppContext.BaseDirectory} or {sourceFile}");
    }
}
