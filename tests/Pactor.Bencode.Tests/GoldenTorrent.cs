namespace Pactor.Bencode.Tests;

/// <summary>One entry of TestData/expected.json, written by TestData/infohash.py.</summary>
internal sealed record GoldenTorrent(
    string File,
    string InfoHash,
    string Name,
    bool IsSingleFile,
    IReadOnlyList<GoldenFile> Files,
    long TotalLength,
    int PieceLength,
    int PieceCount,
    IReadOnlyList<string> Trackers,
    int AnnounceTiers,
    IReadOnlyList<string> WebSeeds,
    bool IsPrivate,
    string? Comment,
    string? CreatedBy,
    long? CreationDate);

internal sealed record GoldenFile(IReadOnlyList<string> Path, long Length);
