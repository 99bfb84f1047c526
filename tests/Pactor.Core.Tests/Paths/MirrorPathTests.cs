using Pactor.Core.Paths;

namespace Pactor.Core.Tests.Paths;

public sealed class MirrorPathTests
{
    [Theory]
    [InlineData("core", "x86_64", "core.db", MirrorFileKind.Database)]
    [InlineData("core", "x86_64", "core.files", MirrorFileKind.Database)]
    [InlineData("core", "x86_64", "core.db.tar.gz", MirrorFileKind.Database)]
    [InlineData("core", "x86_64", "core.files.tar.zst", MirrorFileKind.Database)]
    [InlineData("core", "x86_64", "core.db.sig", MirrorFileKind.DatabaseSignature)]
    [InlineData("extra", "x86_64", "zlib-1:1.3.1-2-x86_64.pkg.tar.zst", MirrorFileKind.Package)]
    [InlineData("extra", "x86_64", "libc++-19.1.7-1-x86_64.pkg.tar.zst", MirrorFileKind.Package)]
    [InlineData("extra", "any", "python-foo_bar-1.0~rc1-1-any.pkg.tar.xz", MirrorFileKind.Package)]
    [InlineData("extra", "x86_64", "zlib-1.3-1-x86_64.pkg.tar.zst.sig", MirrorFileKind.PackageSignature)]
    [InlineData("extra", "x86_64", "zlib-1.3-1-x86_64.pkg.tar.zst.torrent", MirrorFileKind.Torrent)]
    public void Accepts_mirror_files(string repo, string arch, string file, MirrorFileKind kind)
    {
        var parsed = MirrorPath.TryParse(repo, arch, file);

        Assert.NotNull(parsed);
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal($"{repo}/os/{arch}/{file}", parsed.RelativePath);
    }

    [Theory]
    [InlineData("core", "x86_64", "other.db")]
    [InlineData("core", "x86_64", "README")]
    [InlineData("core", "x86_64", "core.db.tar.rar")]
    [InlineData("core", "x86_64", "zlib.pkg.tar.rar")]
    [InlineData("core", "x86_64", "x.torrent")]
    public void Valid_names_of_files_a_mirror_does_not_hold_are_unknown_not_invalid(string repo, string arch, string file)
    {
        Assert.True(MirrorPath.IsValid(repo, arch, file));
        Assert.Null(MirrorPath.TryParse(repo, arch, file));
    }

    [Fact]
    public void Signature_and_torrent_name_their_package()
    {
        Assert.Equal("a-1-1-any.pkg.tar.zst", MirrorPath.TryParse("r", "any", "a-1-1-any.pkg.tar.zst.sig")!.PackageFileName);
        Assert.Equal("a-1-1-any.pkg.tar.zst", MirrorPath.TryParse("r", "any", "a-1-1-any.pkg.tar.zst.torrent")!.PackageFileName);
    }
}
