namespace Pactor.Hosting;

/// <summary>One probe of rtorrent: whether it answered, its versions, and the bytes it uploaded for pactor's downloads.</summary>
public sealed record RTorrentHealth(
    bool Reachable,
    string? Version,
    string? LibraryVersion,
    long? UploadedBytes,
    string? Error,
    DateTimeOffset CheckedAt);
