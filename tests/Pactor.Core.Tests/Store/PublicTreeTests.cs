using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Store;

/// <summary>
/// The public tree, <c>public/{repo}/os/{arch}/{file}</c>: relative links to the packages a web server in front of
/// pactor may send itself, and nothing else.
/// </summary>
public sealed class PublicTreeTests : IDisposable
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private readonly TempDirectory temp = new();
    private readonly CacheLayout layout;
    private readonly PublicTree tree;

    public PublicTreeTests()
    {
        layout = new CacheLayout(temp.Path);
        layout.Create();
        tree = new PublicTree(layout);
    }

    [Fact]
    public void Publish_makes_a_relative_link_that_still_resolves_to_the_package_when_the_cache_moves()
    {
        var file = MirrorHarness.File(Zlib);
        var content = Place(file, seed: 1);

        tree.Publish(file);

        var link = new FileInfo(layout.PublicPath(file));
        Assert.Equal(Path.Combine(temp.Path, "public", "core", "os", "x86_64", Zlib), link.FullName);
        Assert.NotNull(link.LinkTarget);
        Assert.False(Path.IsPathRooted(link.LinkTarget), $"link target '{link.LinkTarget}' is absolute");
        Assert.Equal(layout.PackagePath(file), link.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
        Assert.Equal(content, File.ReadAllBytes(link.FullName));
        Assert.True(tree.IsPublished(file));

        // Relative, the link survives the cache directory being moved (or mounted elsewhere in a container).
        var moved = temp.Path + "-moved";
        Directory.Move(temp.Path, moved);
        try
        {
            Assert.Equal(content, File.ReadAllBytes(new CacheLayout(moved).PublicPath(file)));
        }
        finally
        {
            Directory.Move(moved, temp.Path);
        }
    }

    [Fact]
    public void Publishing_again_replaces_whatever_is_at_the_link_and_leaves_nothing_in_tmp()
    {
        var file = MirrorHarness.File(Zlib);
        var content = Place(file, seed: 2);
        tree.Publish(file);
        var expectedTarget = new FileInfo(layout.PublicPath(file)).LinkTarget;
        File.Delete(layout.PublicPath(file));
        File.CreateSymbolicLink(layout.PublicPath(file), "../../../../elsewhere");

        tree.Publish(file);
        var afterStaleLink = new FileInfo(layout.PublicPath(file)).LinkTarget;
        File.Delete(layout.PublicPath(file));
        File.WriteAllText(layout.PublicPath(file), "a regular file");
        tree.Publish(file);

        Assert.Equal(expectedTarget, afterStaleLink);
        Assert.Equal(expectedTarget, new FileInfo(layout.PublicPath(file)).LinkTarget);
        Assert.Equal(content, File.ReadAllBytes(layout.PublicPath(file)));
        Assert.Empty(Directory.GetFileSystemEntries(layout.TempDirectory));
    }

    [Fact]
    public void Withdraw_removes_the_link_and_keeps_the_package()
    {
        var file = MirrorHarness.File(Zlib);
        var content = Place(file, seed: 3);
        tree.Publish(file);

        tree.Withdraw(file);

        Assert.False(File.Exists(layout.PublicPath(file)));
        Assert.Null(new FileInfo(layout.PublicPath(file)).LinkTarget);
        Assert.False(tree.IsPublished(file));
        Assert.Equal(content, File.ReadAllBytes(layout.PackagePath(file)));
    }

    [Fact]
    public void Withdrawing_a_package_never_published_is_fine_even_without_the_tree_folders()
    {
        var bare = new CacheLayout(Path.Combine(temp.Path, "never-created"));
        var bareTree = new PublicTree(bare);
        var file = MirrorHarness.File(Zlib, repo: "extra");

        bareTree.Withdraw(file);
        tree.Withdraw(file);

        Assert.False(Directory.Exists(bare.PublicDirectory));
        Assert.False(bareTree.IsPublished(file));
        Assert.False(tree.IsPublished(file));
    }

    [Fact]
    public void Sync_leaves_exactly_the_links_to_verified_packages_and_counts_what_it_changed()
    {
        var kept = MirrorHarness.File("kept-1-1-any.pkg.tar.zst");
        var outdated = MirrorHarness.File("outdated-1-1-any.pkg.tar.zst");
        var copied = MirrorHarness.File("copied-1-1-any.pkg.tar.zst");
        var dangling = MirrorHarness.File("gone-1-1-any.pkg.tar.zst");
        var missing = MirrorHarness.File("missing-1-1-any.pkg.tar.zst");
        Place(kept, seed: 4);
        Place(outdated, seed: 5);
        var copiedContent = Place(copied, seed: 6);
        Place(dangling, seed: 7);
        var missingContent = Place(missing, seed: 8);
        tree.Publish(kept);
        tree.Publish(outdated);
        tree.Publish(dangling);
        File.Delete(layout.PackagePath(dangling));
        // A regular file where a link belongs (a copy is not what the tree promises: it outlives its package).
        File.Copy(layout.PackagePath(copied), layout.PublicPath(copied));
        var folder = Path.GetDirectoryName(layout.PublicPath(kept))!;
        File.WriteAllText(Path.Combine(folder, "README"), "not a package");
        File.CreateSymbolicLink(Path.Combine(folder, "core.db"), "../../../../db/core/os/x86_64/core.db");
        File.CreateSymbolicLink(Path.Combine(layout.PublicDirectory, Path.GetFileName(layout.PackagePath(kept))), "core/os/x86_64/" + kept.FileName);
        var verified = new HashSet<MirrorFile> { kept, copied, missing };

        var (withdrawn, published) = tree.Sync([kept, outdated, copied, missing], verified.Contains);

        Assert.Equal(6, withdrawn); // outdated, the copy, gone's dangling link, README, core.db, the link at the wrong depth
        Assert.Equal(2, published); // copied (its regular file replaced by a link) and missing
        Assert.Equal(
            [copied.FileName, kept.FileName, missing.FileName],
            Directory.EnumerateFileSystemEntries(layout.PublicDirectory, "*", SearchOption.AllDirectories)
                .Where(path => !Directory.Exists(path)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(new[] { kept, copied, missing }, file => Assert.NotNull(new FileInfo(layout.PublicPath(file)).LinkTarget));
        Assert.Equal(copiedContent, File.ReadAllBytes(layout.PublicPath(copied)));
        Assert.Equal(missingContent, File.ReadAllBytes(layout.PublicPath(missing)));
        Assert.True(File.Exists(layout.PackagePath(outdated)));
    }

    [Fact]
    public void Sync_of_a_tree_already_right_changes_nothing()
    {
        var file = MirrorHarness.File(Zlib);
        Place(file, seed: 9);
        tree.Publish(file);

        Assert.Equal((0, 0), tree.Sync([file], _ => true));
        Assert.True(tree.IsPublished(file));
    }

    private byte[] Place(MirrorFile file, int seed)
    {
        var content = new byte[1000];
        new Random(seed).NextBytes(content);
        Directory.CreateDirectory(layout.PackageDirectory(file));
        File.WriteAllBytes(layout.PackagePath(file), content);
        return content;
    }

    public void Dispose() => temp.Dispose();
}
