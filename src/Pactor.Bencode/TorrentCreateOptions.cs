namespace Pactor.Bencode;

/// <summary>What <see cref="TorrentCreator"/> puts in a torrent besides the hashed data.</summary>
public sealed record TorrentCreateOptions
{
    /// <summary>Tracker URLs: the first becomes <c>announce</c>; when there are several, all of them form <c>announce-list</c>, one tier each (as mktorrent's repeated -a).</summary>
    public IReadOnlyList<string> Announce { get; init; } = [];

    /// <summary>BEP 19 web seeds (<c>url-list</c>): a string for one URL, a list for more (as mktorrent).</summary>
    public IReadOnlyList<string> WebSeeds { get; init; } = [];

    /// <summary>A power of two in [16 KiB, 64 MiB]; null lets <see cref="PieceLengthPolicy.Choose"/> decide.</summary>
    public int? PieceLength { get; init; }

    public string? Comment { get; init; }

    public bool IsPrivate { get; init; }

    /// <summary>Null leaves <c>created by</c> out.</summary>
    public string? CreatedBy { get; init; } = "pactor";

    /// <summary>Null (the default) leaves <c>creation date</c> out, so the same input always gives the same bytes.</summary>
    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>The torrent's name; null uses the file or directory name.</summary>
    public string? Name { get; init; }
}
