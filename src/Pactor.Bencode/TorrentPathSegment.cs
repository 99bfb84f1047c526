namespace Pactor.Bencode;

/// <summary>
/// A torrent's name and file path segments become names on disk, so each must be one plain name:
/// anything that could address another directory is refused.
/// </summary>
internal static class TorrentPathSegment
{
    /// <summary>Why <paramref name="segment"/> is not a safe path segment, or null when it is.</summary>
    public static string? Problem(string segment) => segment switch
    {
        "" => "is empty",
        "." or ".." => $"is '{segment}'",
        _ when segment.Contains('/', StringComparison.Ordinal) => "contains '/'",
        _ when segment.Contains('\\', StringComparison.Ordinal) => "contains '\\'",
        _ when segment.Contains('\0', StringComparison.Ordinal) => "contains a NUL character",
        _ when Path.IsPathRooted(segment) => "is an absolute path",
        _ => null,
    };
}
