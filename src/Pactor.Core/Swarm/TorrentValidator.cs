using Pactor.Bencode;
using Pactor.Core.Database;

namespace Pactor.Core.Swarm;

/// <summary>A package's .torrent must describe exactly that package: one file, its name, its database size.</summary>
public static class TorrentValidator
{
    /// <summary>Null when the torrent fits; otherwise the reason it is refused.</summary>
    public static string? Check(ReadOnlySpan<byte> torrent, PackageEntry entry)
    {
        Metainfo metainfo;
        try
        {
            metainfo = Metainfo.Parse(torrent);
        }
        catch (FormatException e)
        {
            return $"{entry.FileName}.torrent: {e.Message}";
        }

        if (!metainfo.IsSingleFile)
        {
            return $"{entry.FileName}.torrent: has {metainfo.Files.Count} files, expected one";
        }

        if (metainfo.Name != entry.FileName)
        {
            return $"{entry.FileName}.torrent: names '{metainfo.Name}'";
        }

        return metainfo.TotalLength == entry.CompressedSize
            ? null
            : $"{entry.FileName}.torrent: length {metainfo.TotalLength}, database says {entry.CompressedSize}";
    }
}
