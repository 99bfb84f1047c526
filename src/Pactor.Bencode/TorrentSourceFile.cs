using System.Text;

namespace Pactor.Bencode;

/// <summary>A file to hash into a torrent: where it is on disk, its torrent path and its size when listed.</summary>
internal sealed record TorrentSourceFile(string FullPath, IReadOnlyList<string> TorrentPath, long Length)
{
    /// <summary>
    /// The files under <paramref name="directory"/>, hidden ones included, ordered as mktorrent orders them
    /// (byte order of the '/'-joined relative path). Symbolic links to files are followed, as mktorrent does;
    /// symbolic links to directories are refused (they can loop or leave the tree).
    /// </summary>
    public static List<TorrentSourceFile> ListDirectory(DirectoryInfo directory)
    {
        var files = new List<TorrentSourceFile>();
        Collect(directory, [], files);
        return [.. files.OrderBy(SortKey, Comparer<byte[]>.Create((left, right) => left.AsSpan().SequenceCompareTo(right)))];
    }

    public static TorrentSourceFile Single(FileInfo file, string name) =>
        new(file.FullName, [name], TargetLength(file));

    private static void Collect(DirectoryInfo directory, List<string> prefix, List<TorrentSourceFile> files)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var path = new List<string>(prefix) { entry.Name };
            if (TorrentPathSegment.Problem(entry.Name) is { } problem)
            {
                throw new ArgumentException($"Cannot put {entry.FullName} in a torrent: its name {problem}.", nameof(directory));
            }

            if (entry is DirectoryInfo subdirectory)
            {
                if (entry.LinkTarget is not null)
                {
                    throw new ArgumentException($"Cannot put {entry.FullName} in a torrent: symbolic links to directories are not followed.", nameof(directory));
                }

                Collect(subdirectory, path, files);
            }
            else if (entry is FileInfo file)
            {
                files.Add(new TorrentSourceFile(file.FullName, path, TargetLength(file)));
            }
        }
    }

    private static long TargetLength(FileInfo file) =>
        file.LinkTarget is null ? file.Length : ((FileInfo?)file.ResolveLinkTarget(returnFinalTarget: true))?.Length ?? file.Length;

    private static byte[] SortKey(TorrentSourceFile file) => Encoding.UTF8.GetBytes(string.Join('/', file.TorrentPath));
}
