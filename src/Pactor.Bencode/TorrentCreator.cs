namespace Pactor.Bencode;

/// <summary>
/// Makes BitTorrent v1 torrents. A file gives a single-file torrent, a directory a multi-file one (see
/// <see cref="TorrentSourceFile.ListDirectory"/>: hidden files included, file symlinks followed, directory
/// symlinks refused, mktorrent's file order). Output is deterministic: the same data and options give the same
/// bytes. An empty file gives a torrent with no pieces, as mktorrent does; an empty directory is refused.
/// </summary>
public static class TorrentCreator
{
    /// <returns>The bencoded torrent.</returns>
    /// <exception cref="ArgumentException">Bad options (piece length, empty URL, unsafe name) or a directory that cannot be a torrent.</exception>
    /// <exception cref="IOException">A file cannot be read or changed while being hashed.</exception>
    public static async Task<byte[]> CreateAsync(
        string path, TorrentCreateOptions options, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        CheckUrls(options.Announce, nameof(options.Announce));
        CheckUrls(options.WebSeeds, nameof(options.WebSeeds));
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var name = options.Name ?? Path.GetFileName(fullPath);
        if (TorrentPathSegment.Problem(name) is { } problem)
        {
            throw new ArgumentException($"The torrent name \"{name}\" {problem}.", nameof(options));
        }

        var isDirectory = Directory.Exists(fullPath);
        var files = isDirectory
            ? TorrentSourceFile.ListDirectory(new DirectoryInfo(fullPath))
            : [TorrentSourceFile.Single(new FileInfo(fullPath), name)];
        if (files.Count == 0)
        {
            throw new ArgumentException($"The directory {fullPath} holds no files.", nameof(path));
        }

        var totalLength = files.Sum(file => file.Length);
        var pieceLength = ChoosePieceLength(options.PieceLength, totalLength);
        var pieces = await PieceHasher.HashAsync(files, pieceLength, progress, cancellationToken).ConfigureAwait(false);

        var info = new BDictionary
        {
            ["name"] = new BString(name),
            ["piece length"] = new BInteger(pieceLength),
            ["pieces"] = new BString(pieces),
        };
        if (isDirectory)
        {
            info["files"] = new BList(files.Select(file => new BDictionary
            {
                ["length"] = new BInteger(file.Length),
                ["path"] = new BList(file.TorrentPath.Select(segment => new BString(segment))),
            }));
        }
        else
        {
            info["length"] = new BInteger(totalLength);
        }

        if (options.IsPrivate)
        {
            info["private"] = new BInteger(1);
        }

        return BencodeWriter.Write(BuildRoot(info, options));
    }

    private static BDictionary BuildRoot(BDictionary info, TorrentCreateOptions options)
    {
        var root = new BDictionary { ["info"] = info };
        if (options.Announce.Count > 0)
        {
            root["announce"] = new BString(options.Announce[0]);
        }

        if (options.Announce.Count > 1)
        {
            root["announce-list"] = new BList(options.Announce.Select(url => new BList { new BString(url) }));
        }

        if (options.WebSeeds.Count == 1)
        {
            root["url-list"] = new BString(options.WebSeeds[0]);
        }
        else if (options.WebSeeds.Count > 1)
        {
            root["url-list"] = new BList(options.WebSeeds.Select(url => new BString(url)));
        }

        if (options.Comment is not null)
        {
            root["comment"] = new BString(options.Comment);
        }

        if (options.CreatedBy is not null)
        {
            root["created by"] = new BString(options.CreatedBy);
        }

        if (options.CreationDate is { } date)
        {
            root["creation date"] = new BInteger(date.ToUnixTimeSeconds());
        }

        return root;
    }

    private static int ChoosePieceLength(int? requested, long totalLength)
    {
        var pieceLength = requested ?? PieceLengthPolicy.Choose(totalLength);
        if (!PieceLengthPolicy.IsAllowed(pieceLength))
        {
            throw new ArgumentException(
                $"Piece length {pieceLength} must be a power of two between {PieceLengthPolicy.Min} and {PieceLengthPolicy.LargestAllowed}.", "options");
        }

        // Over Metainfo.MaxTorrentBytes no reader here accepts the torrent; keep 4 KiB for the other fields.
        var pieceCount = (totalLength / pieceLength) + 1;
        if (pieceCount * 20 > Metainfo.MaxTorrentBytes - 4096)
        {
            throw new ArgumentException(
                $"{totalLength} bytes in pieces of {pieceLength} would make a torrent over {Metainfo.MaxTorrentBytes} bytes; use a larger piece length.", "options");
        }

        return pieceLength;
    }

    private static void CheckUrls(IReadOnlyList<string> urls, string what)
    {
        ArgumentNullException.ThrowIfNull(urls, what);
        if (urls.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"{what} holds an empty URL.", "options");
        }
    }
}
