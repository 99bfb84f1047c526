using System.Globalization;
using Pactor.Core.Database;
using Pactor.Core.Paths;

namespace Pactor.Core.Store;

/// <summary>
/// Verified packages on disk. A package counts as held only with a marker recording the size,
/// SHA-256 and modification time it was verified with, so a restart trusts what was checked
/// and re-checks anything that changed since. The marker's own modification time is when the
/// package was last requested (it survives restarts; the marker's content does not depend on it).
/// </summary>
public sealed class PackageStore(CacheLayout layout)
{
    /// <summary>Who is reading or verifying which package: eviction leaves those alone.</summary>
    public PackageLeases Leases { get; } = new();

    /// <summary>Links to the verified packages, for a web server in front of pactor.</summary>
    public PublicTree Public { get; } = new(layout);

    /// <summary>Raised once a package has passed verification and its marker is in place.</summary>
    public event Action<MirrorFile>? PackageVerified;

    /// <summary>
    /// The path of a verified copy of <paramref name="file"/> matching <paramref name="entry"/>, or null (and then no
    /// public link for it either).
    /// </summary>
    public string? FindVerified(MirrorFile file, PackageEntry entry)
    {
        var path = layout.PackagePath(file);
        var marker = layout.MarkerPath(file);
        var info = new FileInfo(path);
        if (info.Exists && File.Exists(marker) && ReadMarker(marker) == Describe(info, entry))
        {
            return path;
        }

        // Not (or no longer) what the database says: a web server in front must not send it either.
        Public.Withdraw(file);
        return null;
    }

    /// <summary>Raised when a downloaded file does not match its repo database entry (for metrics).</summary>
    public event Action<MirrorFile, string>? VerificationFailed;

    /// <summary>Verifies the downloaded file; on success writes the marker, on failure returns the problem.</summary>
    public Task<VerificationResult> VerifyAsync(MirrorFile file, PackageEntry entry, CancellationToken cancellationToken) =>
        VerifyAsync(file, entry, prefix: null, cancellationToken);

    /// <summary>As the overload without <paramref name="prefix"/>, hashing only what it has not hashed while the file downloaded.</summary>
    public async Task<VerificationResult> VerifyAsync(MirrorFile file, PackageEntry entry, PrefixHasher? prefix, CancellationToken cancellationToken)
    {
        // Held while hashing and writing the marker: eviction never removes a package being verified.
        using var lease = await Leases.AcquireAsync(file, cancellationToken);
        var path = layout.PackagePath(file);
        var result = await PackageVerifier.VerifyAsync(path, entry, prefix, cancellationToken);
        if (result.IsValid)
        {
            var marker = layout.MarkerPath(file);
            Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
            var temp = marker + ".tmp";
            await File.WriteAllTextAsync(temp, Describe(new FileInfo(path), entry), cancellationToken);
            File.Move(temp, marker, overwrite: true);
            Public.Publish(file);
            PackageVerified?.Invoke(file);
        }
        else
        {
            VerificationFailed?.Invoke(file, result.Problem!);
        }

        return result;
    }

    public string PathOf(MirrorFile file) => layout.PackagePath(file);

    /// <summary>Makes the public tree link exactly the cached packages that match <paramref name="find"/>'s database entries (at start-up).</summary>
    public (int Withdrawn, int Published) SyncPublic(Func<MirrorFile, PackageEntry?> find) =>
        Public.Sync([.. EnumerateCached().Select(package => package.File)], VerifiedAgainst(find));

    /// <summary>Unlinks the packages of <paramref name="repo"/>/<paramref name="arch"/> that a new database outdated.</summary>
    public int WithdrawOutdated(string repo, string arch, Func<MirrorFile, PackageEntry?> find) =>
        Public.WithdrawUnverified(repo, arch, VerifiedAgainst(find));

    private Func<MirrorFile, bool> VerifiedAgainst(Func<MirrorFile, PackageEntry?> find)
    {
        ArgumentNullException.ThrowIfNull(find);
        return file => find(file) is { } entry && FindVerified(file, entry) is not null;
    }

    /// <summary>Sets when <paramref name="file"/> was last requested; false when it has no marker (not held).</summary>
    public bool MarkRequested(MirrorFile file, DateTimeOffset when)
    {
        try
        {
            File.SetLastWriteTimeUtc(layout.MarkerPath(file), when.UtcDateTime);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Every package with a marker and its file, in no particular order.</summary>
    public IEnumerable<CachedPackage> EnumerateCached()
    {
        var verified = new DirectoryInfo(layout.VerifiedDirectory);
        if (!verified.Exists)
        {
            yield break;
        }

        foreach (var marker in verified.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            // A marker whose package is gone vouches for nothing (FindVerified refuses it too).
            if (layout.PackageOfMarker(marker.FullName) is { } file && new FileInfo(layout.PackagePath(file)) is { Exists: true } package)
            {
                yield return new CachedPackage(file, package.Length, new DateTimeOffset(marker.LastWriteTimeUtc, TimeSpan.Zero));
            }
        }
    }

    /// <summary>Forgets a package: its public link and marker first, so a half-deleted package is never trusted.</summary>
    public void Remove(MirrorFile file)
    {
        Public.Withdraw(file);
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
