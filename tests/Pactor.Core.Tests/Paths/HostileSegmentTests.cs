using Pactor.Core.Paths;

namespace Pactor.Core.Tests.Paths;

public sealed class HostileSegmentTests
{
    public static TheoryData<string> HostileFileNames => new(
        "..", ".", "../core.db", "..%2fcore.db", "a/b.pkg.tar.zst", "a\\b.pkg.tar.zst", "/etc/passwd",
        ".hidden.pkg.tar.zst", "-rf.pkg.tar.zst", "a\0.pkg.tar.zst", "a\n.pkg.tar.zst", "a\r.pkg.tar.zst", "a\t.pkg.tar.zst",
        "a b.pkg.tar.zst", "a;d.erase=.pkg.tar.zst", "a,b.pkg.tar.zst", "a\"b.pkg.tar.zst", "a'b.pkg.tar.zst",
        "a=b.pkg.tar.zst", "a$(id).pkg.tar.zst", "a`id`.pkg.tar.zst", "a{b}.pkg.tar.zst", "a|b.pkg.tar.zst",
        "a<b>.pkg.tar.zst", "a%00.pkg.tar.zst", "a%2e%2e.pkg.tar.zst", "a?x=1.pkg.tar.zst", "a#b.pkg.tar.zst",
        "a*.pkg.tar.zst", "a&b.pkg.tar.zst", "é.pkg.tar.zst", "a\u202e.pkg.tar.zst", "a\u0085.pkg.tar.zst",
        "a..b.pkg.tar.zst", new string('a', 256) + ".pkg.tar.zst", "", "a\u00a0.pkg.tar.zst", "a\\..\\b.pkg.tar.zst",
        "a!b.pkg.tar.zst", "a[0].pkg.tar.zst", "a(b).pkg.tar.zst", "a^b.pkg.tar.zst", "%2e%2e");

    public static TheoryData<string> HostileNames => new(
        "..", ".", ".core", "-core", "co/re", "co\\re", "core\0", "co re", "co;re", "co,re", "co:re", "co+re",
        "co\"re", new string('c', 65), "", "co%2fre", "co..re");

    [Theory]
    [MemberData(nameof(HostileFileNames))]
    public void Hostile_file_names_are_invalid(string fileName)
    {
        Assert.False(MirrorPath.IsValid("core", "x86_64", fileName));
        Assert.Null(MirrorPath.TryParse("core", "x86_64", fileName));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Hostile_repo_and_arch_names_are_invalid(string name)
    {
        Assert.False(MirrorPath.IsValid(name, "x86_64", "core.db"));
        Assert.False(MirrorPath.IsValid("core", name, "core.db"));
    }

    [Fact]
    public void The_corpus_is_large_enough()
    {
        Assert.True(HostileFileNames.Count + HostileNames.Count >= 40);
    }
}
