using Pactor.EndToEnd.Tests.Fixtures.Packages;

namespace Pactor.EndToEnd.Tests.Fixtures.Torrents;

/// <summary>A package's <c>FILE.torrent</c>, written next to <c>FILE</c> in the mirror tree.</summary>
/// <param name="InfoHash">Upper-case hex, as rtorrent's <c>d.hash</c> and opentracker's whitelist take it.</param>
public sealed record PublishedTorrent(BuiltPackage Package, string PackagePath, string TorrentPath, string InfoHash, int PieceLength, int PieceCount);
