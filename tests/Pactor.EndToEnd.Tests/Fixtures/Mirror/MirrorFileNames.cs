using System.Text.RegularExpressions;

namespace Pactor.EndToEnd.Tests.Fixtures.Mirror;

/// <summary>What kind of mirror file a URL path names.</summary>
public static partial class MirrorFileNames
{
    /// <summary>A package archive itself: <c>*.pkg.tar[.EXT]</c>; its <c>.sig</c> and <c>.torrent</c> are not.</summary>
    public static bool IsPackage(string path) => PackagePattern().IsMatch(path);

    /// <summary><c>REPO.db</c>, <c>REPO.files</c> and their <c>.tar.EXT</c> forms (not <c>.sig</c>).</summary>
    public static bool IsDatabase(string path) => DatabasePattern().IsMatch(path);

    public static bool IsTorrent(string path) => path.EndsWith(".torrent", StringComparison.Ordinal);

    [GeneratedRegex(@"\.pkg\.tar(\.[a-z0-9]+)?$")]
    private static partial Regex PackagePattern();

    [GeneratedRegex(@"(^|/)[^/]+\.(db|files)(\.tar(\.[a-z0-9]+)?)?$")]
    private static partial Regex DatabasePattern();
}
