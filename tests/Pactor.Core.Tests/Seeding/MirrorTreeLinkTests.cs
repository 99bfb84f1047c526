using Pactor.Core.Paths;
using Pactor.Core.Seeding;

namespace Pactor.Core.Tests.Seeding;

/// <summary>Symbolic links in a mirror tree: followed inside the root (Arch's pool layout), never out of it.</summary>
public sealed class MirrorTreeLinkTests : IDisposable
{
    private readonly MirrorTreeBuilder tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public async Task A_package_linked_into_the_pool_is_published_with_the_pools_size()
    {
        var pooled = tree.Add("pool/packages/a-1.0-1-x86_64.pkg.tar.zst", length: 70_000);
        Directory.CreateDirectory(tree.PathOf("core/os/x86_64"));
        var link = tree.PathOf("core/os/x86_64/a-1.0-1-x86_64.pkg.tar.zst");
        File.CreateSymbolicLink(link, "../../../pool/packages/a-1.0-1-x86_64.pkg.tar.zst");

        var report = await tree.RunAsync();
        var second = await tree.RunAsync();

        Assert.Equal(1, report.Created);
        Assert.Equal(70_000, Pactor.Bencode.Metainfo.Load(link + ".torrent").TotalLength);
        Assert.False(File.Exists(pooled + ".torrent"));
        Assert.True(second.NothingDone);
    }

    [Fact]
    public async Task Links_out_of_the_root_are_skipped_and_reported()
    {
        var outsideFile = Path.Combine(tree.Outside, "secret-1.0-1-x86_64.pkg.tar.zst");
        await File.WriteAllBytesAsync(outsideFile, new byte[1000]);
        var outsideFolder = Directory.CreateDirectory(Path.Combine(tree.Outside, "elsewhere")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(outsideFolder, "b-1.0-1-x86_64.pkg.tar.zst"), new byte[1000]);
        var inside = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var fileLink = tree.PathOf("core/os/x86_64/secret-1.0-1-x86_64.pkg.tar.zst");
        File.CreateSymbolicLink(fileLink, outsideFile);
        Directory.CreateDirectory(tree.PathOf("extra/os"));
        Directory.CreateSymbolicLink(tree.PathOf("extra/os/x86_64"), outsideFolder);
        File.CreateSymbolicLink(tree.PathOf("core/os/x86_64/gone-1.0-1-x86_64.pkg.tar.zst"), "missing-file");

        var report = await tree.RunAsync();

        Assert.Equal(1, report.Created);
        Assert.True(File.Exists(inside + ".torrent"));
        Assert.Empty(Directory.EnumerateFiles(outsideFolder, "*.torrent"));
        Assert.False(File.Exists(fileLink + ".torrent"));
        Assert.Equal(
            [tree.PathOf("core/os/x86_64/gone-1.0-1-x86_64.pkg.tar.zst"), fileLink, tree.PathOf("extra/os/x86_64")],
            report.Skipped.Select(s => s.Path).Order(StringComparer.Ordinal));
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Real_paths_resolve_every_link_on_the_way()
    {
        var target = Directory.CreateDirectory(tree.PathOf("real/inner")).FullName;
        Directory.CreateSymbolicLink(tree.PathOf("hop"), "real");
        Directory.CreateSymbolicLink(tree.PathOf("real/up"), "..");
        File.CreateSymbolicLink(tree.PathOf("loop-a"), "loop-b");
        File.CreateSymbolicLink(tree.PathOf("loop-b"), "loop-a");

        Assert.Equal(target, RealPath.Resolve(tree.PathOf("hop/up/hop/inner")));
        Assert.Equal(target + "/not-there", RealPath.Resolve(tree.PathOf("hop/inner/not-there")));
        Assert.Throws<IOException>(() => RealPath.Resolve(tree.PathOf("loop-a")));
        Assert.True(RealPath.IsInside("/srv/mirror/core", "/srv/mirror"));
        Assert.False(RealPath.IsInside("/srv/mirror-2/core", "/srv/mirror"));
    }
}
