namespace Pactor.Hosting.Status;

/// <summary>rtorrent as last probed; <see cref="Reachable"/> is null until the first probe has answered.</summary>
public sealed record RTorrentReport(
    string Endpoint,
    bool Managed,
    bool? Reachable,
    string? Version,
    string? LibraryVersion,
    string? Error,
    DateTimeOffset? CheckedAt);
