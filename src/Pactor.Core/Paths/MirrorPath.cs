namespace Pactor.Core.Paths;

/// <summary>
/// Validates request path segments before anything touches the disk, the network or rtorrent.
/// The character set is that of Arch file names (epochs bring ':'); it cannot carry separators,
/// traversal, quoting or rtorrent command syntax (no ';', ',', '=', '"', '$', '(', ')', whitespace).
/// </summary>
public static class MirrorPath
{
    public const int MaxSegmentLength = 255;
    public const int MaxNameLength = 64;

    /// <summary>False for a path that must be refused (400) before it touches anything.</summary>
    public static bool IsValid(string? repo, string? arch, string? fileName) =>
        IsName(repo) && IsName(arch) && IsFileName(fileName);

    /// <summary>The file, or null when the path is invalid or names no kind of file a mirror holds.</summary>
    public static MirrorFile? TryParse(string? repo, string? arch, string? fileName)
    {
        if (!IsValid(repo, arch, fileName))
        {
            return null;
        }

        var kind = Classify(repo!, fileName!);
        return kind is null ? null : new MirrorFile(repo!, arch!, fileName!, kind.Value);
    }

    /// <summary>Repository and architecture names: <c>[A-Za-z0-9._-]</c>, no leading dot.</summary>
    public static bool IsName(string? segment) =>
        segment is { Length: > 0 and <= MaxNameLength }
        && segment[0] != '.' && segment[0] != '-'
        && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
        && !segment.Contains("..", StringComparison.Ordinal);

    /// <summary>File names: <c>[A-Za-z0-9._+@:~-]</c>, no leading dot or dash.</summary>
    public static bool IsFileName(string? segment) =>
        segment is { Length: > 0 and <= MaxSegmentLength }
        && segment[0] != '.' && segment[0] != '-'
        && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '@' or ':' or '~')
        && !segment.Contains("..", StringComparison.Ordinal);

    private static MirrorFileKind? Classify(string repo, string fileName)
    {
        if (fileName.EndsWith(".torrent", StringComparison.Ordinal))
        {
            return IsPackage(fileName[..^".torrent".Length]) ? MirrorFileKind.Torrent : null;
        }

        var signature = fileName.EndsWith(".sig", StringComparison.Ordinal);
        var subject = signature ? fileName[..^".sig".Length] : fileName;
        if (IsPackage(subject))
        {
            return signature ? MirrorFileKind.PackageSignature : MirrorFileKind.Package;
        }

        if (IsDatabase(repo, subject))
        {
            return signature ? MirrorFileKind.DatabaseSignature : MirrorFileKind.Database;
        }

        return null;
    }

    private static bool IsPackage(string name)
    {
        var marker = name.LastIndexOf(".pkg.tar", StringComparison.Ordinal);
        if (marker <= 0)
        {
            return false;
        }

        var compression = name[(marker + ".pkg.tar".Length)..];
        return compression is "" or ".zst" or ".xz" or ".gz" or ".bz2" or ".lz4" or ".lrz" or ".lzo" or ".Z" or ".lz";
    }

    private static bool IsDatabase(string repo, string name)
    {
        foreach (var stem in (ReadOnlySpan<string>)[".db", ".files"])
        {
            var prefix = repo + stem;
            if (name == prefix
                || (name.StartsWith(prefix + ".tar", StringComparison.Ordinal)
                    && name[(prefix.Length + ".tar".Length)..] is "" or ".gz" or ".zst" or ".xz" or ".bz2"))
            {
                return true;
            }
        }

        return false;
    }
}
