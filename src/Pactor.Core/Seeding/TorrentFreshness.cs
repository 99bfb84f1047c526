using Pactor.Bencode;

namespace Pactor.Core.Seeding;

/// <summary>
/// Whether a package's existing torrent can be published as it is. A torrent this tool writes carries its
/// package's modification time, so any change of the package (also rsync putting back an older time) shows.
/// </summary>
internal static class TorrentFreshness
{
    public const string Missing = "missing";

    /// <returns>Null when the torrent is up to date, else why it must be written (again).</returns>
    /// <param name="existing">The torrent as it is on disk, when it parsed (even if stale); null when missing or unreadable.</param>
    public static string? Check(PackageFileEntry package, TorrentCreateOptions expected, out Metainfo? existing)
    {
        existing = null;
        var file = new FileInfo(package.TorrentPath);
        if (!file.Exists)
        {
            return Missing;
        }

        if (file.LinkTarget is not null)
        {
            return "a symbolic link";
        }

        try
        {
            existing = Metainfo.Load(file.FullName);
        }
        catch (Exception e) when (e is MetainfoException or IOException or UnauthorizedAccessException)
        {
            return $"unreadable ({e.Message})";
        }

        return file.LastWriteTimeUtc != package.LastWriteUtc ? "package changed"
            : !existing.IsSingleFile || existing.Name != package.File.FileName ? "other name"
            : existing.TotalLength != package.Length ? "other length"
            : existing.PieceLength != (expected.PieceLength ?? PieceLengthPolicy.Choose(package.Length)) ? "other piece length"
            : !SameTrackers(existing, expected.Announce) ? "other trackers"
            : !existing.WebSeeds.SequenceEqual(expected.WebSeeds, StringComparer.Ordinal) ? "other web seeds"
            : existing.IsPrivate || existing.Comment is not null ? "other fields"
            : null;
    }

    // As TorrentCreator writes them: announce = the first URL, announce-list = one tier per URL when there are several.
    private static bool SameTrackers(Metainfo torrent, IReadOnlyList<string> announce) =>
        torrent.Announce == (announce.Count > 0 ? announce[0] : null)
        && (announce.Count > 1
            ? torrent.AnnounceList.Count == announce.Count
              && torrent.AnnounceList.Zip(announce).All(pair => pair.First.Count == 1 && pair.First[0] == pair.Second)
            : torrent.AnnounceList.Count == 0);
}
