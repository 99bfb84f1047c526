namespace Pactor.EndToEnd.Tests.Fixtures;

/// <summary>A fresh directory under /tmp, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mode 0755, so unprivileged helpers (makepkg as nobody) can reach what the tests put inside.</summary>
    public static TempDirectory Create(string purpose)
    {
        // CreateTempSubdirectory makes 0700 directories: nobody could not even traverse them.
        var directory = Directory.CreateTempSubdirectory($"pactor-e2e-{purpose}-");
        File.SetUnixFileMode(directory.FullName, UnixFileModes.Traversable);
        return new TempDirectory(directory.FullName);
    }

    /// <summary>A subdirectory (created, with parents) under this one.</summary>
    public string Sub(params string[] parts)
    {
        var path = System.IO.Path.Combine([Path, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
