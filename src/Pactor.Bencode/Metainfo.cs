using System.Security.Cryptography;

namespace Pactor.Bencode;

/// <summary>A parsed BitTorrent v1 metainfo (.torrent), single- or multi-file, checked for consistency.</summary>
public sealed class Metainfo
{
    /// <summary>Larger torrents are refused before reading.</summary>
    public const long MaxTorrentBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Torrents with more bencode values are refused: 16 MiB of "le" would otherwise decode into hundreds of MB.
    /// Each file costs about 8 values, so this still allows over 100,000 files.
    /// </summary>
    public const int MaxValues = 1_000_000;

    private const int PieceHashLength = 20;

    private Metainfo(BDictionary root, ReadOnlySpan<byte> torrentBytes)
    {
        var info = TorrentFields.Required<BDictionary>(root, "info", "");
        InfoHashBytes = SHA1.HashData(torrentBytes[info.SourceRange!.Value]);
        InfoHash = Convert.ToHexString(InfoHashBytes);
        Name = TorrentFields.PathSegment(TorrentFields.Required<BString>(info, "name", "info"), "info.name");

        var pieceLength = TorrentFields.Required<BInteger>(info, "piece length", "info");
        if (pieceLength.Value is < 1 or > PieceLengthPolicy.LargestAllowed)
        {
            throw TorrentFields.Invalid($"'info.piece length' must be between 1 and {PieceLengthPolicy.LargestAllowed}, got {pieceLength.Value}", pieceLength);
        }

        PieceLength = (int)pieceLength.Value;
        var pieces = TorrentFields.Required<BString>(info, "pieces", "info");
        if (pieces.Bytes.Length % PieceHashLength != 0)
        {
            throw TorrentFields.Invalid($"'info.pieces' is {pieces.Bytes.Length} bytes, not a multiple of {PieceHashLength}", pieces);
        }

        Pieces = pieces.Bytes;
        PieceCount = pieces.Bytes.Length / PieceHashLength;
        Files = InfoFiles.Read(info, Name, out var totalLength);
        IsSingleFile = info.ContainsKey("length");
        TotalLength = totalLength;
        var expectedPieces = (totalLength / PieceLength) + (totalLength % PieceLength == 0 ? 0 : 1);
        if (PieceCount != expectedPieces)
        {
            throw TorrentFields.Invalid($"'info.pieces' holds {PieceCount} hashes but {TotalLength} bytes in pieces of {PieceLength} need {expectedPieces}", pieces);
        }

        IsPrivate = ReadPrivate(info);
        Announce = TorrentFields.OptionalText(root, "announce", "");
        AnnounceList = TrackerFields.ReadAnnounceList(root);
        Trackers = TrackerFields.Flatten(Announce, AnnounceList);
        WebSeeds = TrackerFields.ReadWebSeeds(root);
        Comment = TorrentFields.OptionalText(root, "comment", "");
        CreatedBy = TorrentFields.OptionalText(root, "created by", "");
        CreationDate = ReadCreationDate(root);
    }

    /// <summary>The file name (single file) or directory name (multi-file).</summary>
    public string Name { get; }

    /// <summary>In torrent order; a single-file torrent has one entry whose path is [<see cref="Name"/>].</summary>
    public IReadOnlyList<MetainfoFile> Files { get; }

    public bool IsSingleFile { get; }

    public long TotalLength { get; }

    public int PieceLength { get; }

    public int PieceCount { get; }

    /// <summary>The concatenated 20-byte SHA-1 hashes of the pieces.</summary>
    public ReadOnlyMemory<byte> Pieces { get; }

    public string? Announce { get; }

    /// <summary>Tiers of tracker URLs (BEP 12); empty when absent.</summary>
    public IReadOnlyList<IReadOnlyList<string>> AnnounceList { get; }

    /// <summary><see cref="Announce"/> then the <see cref="AnnounceList"/> URLs, without duplicates or empty strings, in order.</summary>
    public IReadOnlyList<string> Trackers { get; }

    /// <summary>BEP 19 <c>url-list</c>, which may be a string or a list.</summary>
    public IReadOnlyList<string> WebSeeds { get; }

    public bool IsPrivate { get; }

    public string? Comment { get; }

    public string? CreatedBy { get; }

    public DateTimeOffset? CreationDate { get; }

    /// <summary>Upper-case hex SHA-1 of the <c>info</c> value's bytes exactly as they appear in the torrent.</summary>
    public string InfoHash { get; }

    public byte[] InfoHashBytes { get; }

    /// <exception cref="MetainfoException">The bytes are not a valid torrent or are larger than <see cref="MaxTorrentBytes"/>.</exception>
    public static Metainfo Parse(ReadOnlySpan<byte> torrentBytes)
    {
        if (torrentBytes.Length > MaxTorrentBytes)
        {
            throw new MetainfoException($"{torrentBytes.Length} bytes is more than the {MaxTorrentBytes}-byte limit");
        }

        BValue root;
        try
        {
            root = BencodeReader.Read(torrentBytes, MaxValues);
        }
        catch (BencodeException e)
        {
            throw new MetainfoException(e.Message, innerException: e);
        }

        return new Metainfo(TorrentFields.Item<BDictionary>(root, "the top level"), torrentBytes);
    }

    /// <summary>Reads and parses a .torrent file, refusing files over <see cref="MaxTorrentBytes"/> before reading them.</summary>
    /// <exception cref="MetainfoException">The file is not a valid torrent or is too large.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Metainfo Load(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (stream.Length > MaxTorrentBytes)
        {
            throw new MetainfoException($"{path} is {stream.Length} bytes, more than the {MaxTorrentBytes}-byte limit");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Parse(bytes);
    }

    private static bool ReadPrivate(BDictionary info) => TorrentFields.Optional<BInteger>(info, "private", "info") switch
    {
        null => false,
        { Value: 0 } => false,
        { Value: 1 } => true,
        var other => throw TorrentFields.Invalid($"'info.private' must be 0 or 1, got {other.Value}", other),
    };

    private static DateTimeOffset? ReadCreationDate(BDictionary root)
    {
        var seconds = TorrentFields.Optional<BInteger>(root, "creation date", "");
        if (seconds is null)
        {
            return null;
        }

        var min = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        var max = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        return seconds.Value >= min && seconds.Value <= max
            ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value)
            : throw TorrentFields.Invalid($"'creation date' {seconds.Value} is out of range", seconds);
    }
}
