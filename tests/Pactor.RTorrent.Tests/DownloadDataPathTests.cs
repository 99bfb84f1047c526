namespace Pactor.RTorrent.Tests;

public sealed class DownloadDataPathTests
{
    [Theory]
    [InlineData("/srv/pkg/core/a.pkg", "/srv/pkg/core", "a.pkg", false, "/srv/pkg/core/a.pkg")]
    [InlineData("", "/srv/pkg/core", "a.pkg", false, "/srv/pkg/core/a.pkg")]
    [InlineData("/srv/pkg/core/bundle", "/srv/pkg/core/bundle", "bundle", true, "/srv/pkg/core/bundle")]
    [InlineData("", "/srv/pkg/core/bundle", "bundle", true, "/srv/pkg/core/bundle")]
    public void Choose_gives_directory_slash_name(string basePath, string directory, string name, bool multi, string expected)
    {
        Assert.Equal(expected, DownloadDataPath.Choose(basePath, directory, name, multi, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("/etc/passwd", "/srv/pkg", "a.pkg", false, "is not '/srv/pkg/a.pkg'")]
    [InlineData("/srv/pkg/a.pkg", "/srv/pkg", "", false, "not a plain file name")]
    [InlineData("/srv/pkg/..", "/srv/pkg", "..", false, "not a plain file name")]
    [InlineData("/srv/x/y", "/srv/pkg", "x/y", false, "not a plain file name")]
    [InlineData("/usr", "/", "usr", false, "directly under the root")]
    [InlineData("/usr", "/usr", "usr", true, "directly under the root")]
    [InlineData("/srv/pkg/other", "/srv/pkg/other", "bundle", true, "does not end in the download's name")]
    [InlineData("", "relative/dir", "a.pkg", false, "normalized absolute path")]
    [InlineData("", "/srv/pkg/../etc", "a.pkg", false, "normalized absolute path")]
    [InlineData("", "/srv/pkg/", "a.pkg", false, "normalized absolute path")]
    public void Choose_refuses_anything_else(string basePath, string directory, string name, bool multi, string problem)
    {
        Assert.Null(DownloadDataPath.Choose(basePath, directory, name, multi, out var actual));
        Assert.Contains(problem, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_removes_a_symbolic_link_but_not_its_target()
    {
        using var temp = new TempDirectory();
        var target = Directory.CreateDirectory(temp.Combine("target")).FullName;
        File.WriteAllText(Path.Combine(target, "keep.txt"), "keep");
        var link = temp.Combine("link");
        Directory.CreateSymbolicLink(link, target);

        Assert.True(DownloadDataPath.Delete(link));

        Assert.False(Path.Exists(link));
        Assert.True(File.Exists(Path.Combine(target, "keep.txt")));
    }

    [Fact]
    public void Delete_removes_a_folder_with_its_files_and_a_single_file()
    {
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(temp.Combine("bundle", "sub")).Parent!.FullName;
        File.WriteAllText(temp.Combine("bundle", "sub", "a"), "a");
        var file = temp.Combine("single");
        File.WriteAllText(file, "b");

        Assert.True(DownloadDataPath.Delete(folder));
        Assert.True(DownloadDataPath.Delete(file));
        Assert.False(DownloadDataPath.Delete(file));

        Assert.False(Path.Exists(folder));
        Assert.False(Path.Exists(file));
    }
}
