namespace Pactor.RTorrent;

/// <summary>rtorrent's version (<c>system.client_version</c>, e.g. 0.9.8) and libtorrent's (<c>system.library_version</c>, e.g. 0.13.8).</summary>
public sealed record RTorrentVersion(string Client, string Library);
