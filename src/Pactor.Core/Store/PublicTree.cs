using Pactor.Core.Paths;

namespace Pactor.Core.Store;

/// <summary>
/// The verified packages as a mirror tree, <c>public/{repo}/os/{arch}/{file}</c>, each a relative symbolic link to
/// the package in the download area: a web server in front of pactor answers cache hits from it without asking
/// pactor (README, "Behind nginx"). A link exists only while pactor itself would answer the package from its cache:
/// it is made after verification and removed before the package is removed, re-downloaded or outdated by a new repo
/// database. A link whose package was deleted dangles and serves nothing.
/// </summary>
public sealed class PublicTree(CacheLayout layout)
{
    /// <summary>Links <paramref name="file"/>'s package into the tree (atomically: a web server never sees a half-made link).</summary>
    public void Publish(MirrorFile file)
    {
        var link = layout.PublicPath(file);
        var directory = Path.GetDirectoryName(link)!;
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(layout.TempDirectory);
        var temp = Path.Combine(layout.TempDirectory, $"public-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(temp, Path.GetRelativePath(directory, layout.PackagePath(file)));
        try
        {
            File.Move(temp, link, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Publishes <paramref name="file"/> unless its link is in place (for a package found verified).</summary>
    public void EnsurePublished(MirrorFile file)
    {
        if (!IsPublished(file))
        {
            Publish(file);
        }
    }

    /// <summary>Removes <paramref name="file"/>'s link, if any; throws when it cannot (the package must then stay unverified).</summary>
    public void Withdraw(MirrorFile file)
    {
        try
        {
            File.Delete(layout.PublicPath(file));
        }
        catch (DirectoryNotFoundException)
        {
            // Never published: nothing to remove.
        }
    }

    public bool IsPublished(MirrorFile file) => new FileInfo(layout.PublicPath(file)).LinkTarget is not null;

    /// <summary>
    /// Makes the tree hold exactly the packages <paramref name="isVerified"/> accepts among <paramref name="candidates"/>
    /// (after a restart): anything else in it goes, whatever it is.
    /// </summary>
    /// <returns>How many entries were removed and how many links were made.</returns>
    public (int Withdrawn, int Published) Sync(IEnumerable<MirrorFile> candidates, Func<MirrorFile, bool> isVerified)
    {
        var withdrawn = WithdrawUnverified(layout.PublicDirectory, isVerified);
        var published = 0;
        foreach (var file in candidates)
        {
            if (!IsPublished(file) && isVerified(file))
            {
                Publish(file);
                published++;
            }
        }

        return (withdrawn, published);
    }

    /// <summary>
    /// Removes what <paramref name="isVerified"/> no longer accepts from one repository's part of the tree (after a
    /// new database for it), and anything there that is not a package link.
    /// </summary>
    /// <returns>How many entries were removed.</returns>
    public int WithdrawUnverified(string repo, string arch, Func<MirrorFile, bool> isVerified) =>
        WithdrawUnverified(Path.Combine(layout.PublicDirectory, repo, "os", arch), isVerified);

    private int WithdrawUnverified(string folder, Func<MirrorFile, bool> isVerified)
    {
        ArgumentNullException.ThrowIfNull(isVerified);
        var withdrawn = 0;
        var root = new DirectoryInfo(folder);
        if (!root.Exists)
        {
            return 0;
        }

        foreach (var entry in root.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (layout.PackageOfPublic(entry.FullName) is not { } file || entry.LinkTarget is null || !isVerified(file))
            {
                entry.Delete();
                withdrawn++;
            }
        }

        return withdrawn;
    }
}
