using Pactor.Core.Paths;

namespace Pactor.Core.Seeding;

/// <summary>A package found in the mirror tree.</summary>
/// <param name="Path">Full path as listed under the root (possibly a symbolic link inside the root).</param>
/// <param name="Length">Of the file the path leads to.</param>
/// <param name="LastWriteUtc">Of the file the path leads to.</param>
internal sealed record PackageFileEntry(MirrorFile File, string Path, long Length, DateTime LastWriteUtc)
{
    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public string TorrentPath => Path + ".torrent";
}
