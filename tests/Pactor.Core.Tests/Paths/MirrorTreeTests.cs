using Pactor.Core.Paths;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Paths;

/// <summary>Origin mode's file lookup: links inside the tree are followed, links out of it are not in the tree.</summary>
public sealed class MirrorTreeTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string root;
    private readonly string directory;
    private readonly string outside;

    public MirrorTreeTests()
    {
        root = Path.Combine(temp.Path, "mirror");
        directory = Path.Combine(root, "core", "os", "x86_64");
        outside = Path.Combine(temp.Path, "secret");
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "core.db"), "secret");
        File.WriteAllText(Path.Combine(outside, "zlib-1-1-x86_64.pkg.tar.zst"), "secret");
    }

    [Fact]
    public void A_file_in_the_tree_is_found_by_its_real_path()
    {
        var package = Path.Combine(directory, "zlib-1-1-x86_64.pkg.tar.zst");
        File.WriteAllText(package, "package");

        Assert.Equal(package, new MirrorTree(root).Locate(Named("zlib-1-1-x86_64.pkg.tar.zst")));
    }

    [Fact]
    public void A_missing_file_or_a_directory_is_not_found()
    {
        Directory.CreateDirectory(Path.Combine(directory, "core.files"));
        var tree = new MirrorTree(root);

        Assert.Null(tree.Locate(Named("core.db")));
        Assert.Null(tree.Locate(Named("core.files")));
        Assert.Null(tree.Locate(new MirrorFile("extra", "x86_64", "core.db", MirrorFileKind.Database)));
    }

    [Fact]
    public void Repo_add_s_relative_database_link_is_followed()
    {
        File.WriteAllText(Path.Combine(directory, "core.db.tar.gz"), "db");
        File.CreateSymbolicLink(Path.Combine(directory, "core.db"), "core.db.tar.gz");

        Assert.Equal(Path.Combine(directory, "core.db.tar.gz"), new MirrorTree(root).Locate(Named("core.db")));
    }

    [Fact]
    public void An_absolute_link_inside_the_tree_is_followed()
    {
        var pool = Path.Combine(root, "pool");
        Directory.CreateDirectory(pool);
        File.WriteAllText(Path.Combine(pool, "zlib-1-1-x86_64.pkg.tar.zst"), "package");
        File.CreateSymbolicLink(Path.Combine(directory, "zlib-1-1-x86_64.pkg.tar.zst"), Path.Combine(pool, "zlib-1-1-x86_64.pkg.tar.zst"));

        Assert.Equal(Path.Combine(pool, "zlib-1-1-x86_64.pkg.tar.zst"), new MirrorTree(root).Locate(Named("zlib-1-1-x86_64.pkg.tar.zst")));
    }

    [Fact]
    public void A_file_link_out_of_the_tree_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(directory, "core.db"), Path.Combine(outside, "core.db"));

        Assert.Null(new MirrorTree(root).Locate(Named("core.db")));
    }

    [Fact]
    public void A_relative_link_climbing_out_of_the_tree_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(directory, "core.db"), "../../../../secret/core.db");

        Assert.Null(new MirrorTree(root).Locate(Named("core.db")));
    }

    [Fact]
    public void A_directory_link_out_of_the_tree_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(root, "extra"), outside);
        Directory.CreateSymbolicLink(Path.Combine(root, "community"), "core/../../secret");

        var tree = new MirrorTree(root);

        Assert.Null(tree.Locate(new MirrorFile("extra", "x86_64", "core.db", MirrorFileKind.Database)));
        Assert.Null(tree.Locate(new MirrorFile("community", "x86_64", "core.db", MirrorFileKind.Database)));
    }

    [Fact]
    public void Dot_dot_after_a_directory_link_means_the_real_parent_not_the_lexical_one()
    {
        // ROOT/core/os/x86_64/up -> OUTSIDE/deep; "up/../core.db" is OUTSIDE/core.db, though it reads like x86_64/core.db.
        var deep = Path.Combine(outside, "deep");
        Directory.CreateDirectory(deep);
        Directory.CreateSymbolicLink(Path.Combine(directory, "up"), deep);
        File.WriteAllText(Path.Combine(directory, "core.db"), "real database");
        File.CreateSymbolicLink(Path.Combine(directory, "core.files"), "up/../core.db");

        var tree = new MirrorTree(root);

        Assert.Null(tree.Locate(Named("core.files")));
        Assert.Equal(Path.Combine(directory, "core.db"), tree.Locate(Named("core.db")));
    }

    [Fact]
    public void A_link_loop_is_not_found()
    {
        File.CreateSymbolicLink(Path.Combine(directory, "core.db"), "core.files");
        File.CreateSymbolicLink(Path.Combine(directory, "core.files"), "core.db");

        Assert.Null(new MirrorTree(root).Locate(Named("core.db")));
    }

    [Fact]
    public void A_root_that_is_itself_a_link_is_resolved_once_and_files_under_it_are_found()
    {
        var link = Path.Combine(temp.Path, "mirror-link");
        Directory.CreateSymbolicLink(link, root);
        File.WriteAllText(Path.Combine(directory, "core.db"), "db");

        var tree = new MirrorTree(link + "/");

        Assert.Equal(root, tree.Root);
        Assert.Equal(Path.Combine(directory, "core.db"), tree.Locate(Named("core.db")));
    }

    [Fact]
    public void A_missing_root_is_refused()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new MirrorTree(Path.Combine(temp.Path, "nowhere")));
    }

    public void Dispose() => temp.Dispose();

    private static MirrorFile Named(string name) => MirrorPath.TryParse("core", "x86_64", name)
        ?? new MirrorFile("core", "x86_64", name, MirrorFileKind.Database);
}
