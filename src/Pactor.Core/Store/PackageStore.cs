using System.Globalization;
using Pactor.Core.Database;
using Pactor.Core.Paths;

namespace Pactor.Core.Store;

/// <summary>
/// Verified packages on disk. A package counts as held only with a marker recording the size,
/// SHA-256 and modification time it was verified with, so a restart trusts what was checked
/// and re-checks anything that changed since.
/// </summary>
public sealed class PackageStore(CacheLayout layout)
{
    /// <summary>The path of a verified copy of <paramref name="file"/> matching <paramref name="entry"/>, or null.</summary>
    public string? FindVerified(MirrorFile file, PackageEntry entry)
    {
        var path = layout.PackagePath(file);
        var marker = layout.MarkerPath(file);
        var info = new FileInfo(path);
        if (!info.Exists || !File.Exists(marker))
        {
            return null;
        }

        return ReadMarker(marker) == Describe(info, entry) ? path : null;
    }

    /// <summary>Verifies the downloaded file; on success writes the marker, on failure returns the problem.</summary>
    public async Task<VerificationResult> VerifyAsync(MirrorFile file, PackageEntry entry, CancellationToken cancellationToken)
    {
        var path = layout.PackagePath(file);
        var result = await PackageVerifier.VerifyAsync(path, entry, cancellationToken);
        if (result.IsValid)
        {
            var marker = layout.MarkerPath(file);
            Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
            var temp = marker + ".tmp";
            await File.WriteAllTextAsync(temp, Describe(new FileInfo(path), entry), cancellationToken);
            File.Move(temp, marker, overwrite: true);
        }

        return result;
    }

    public string PathOf(MirrorFile file) => layout.PackagePath(file);

    /// <summary>Forgets a package: the marker first, so a half-deleted package is never trusted.</summary>
    public void Remove(MirrorFile file)
    {
        DeleteIfPresent(layout.MarkerPath(file));
        DeleteIfPresent(layout.PackagePath(file));
    }

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static string Describe(FileInfo info, PackageEntry entry) => string.Create(
        CultureInfo.InvariantCulture,
        $"{entry.Sha256} {entry.CompressedSize} {info.Length} {info.LastWriteTimeUtc.Ticks}\n");

    private static string? ReadMarker(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
