namespace Pactor.Bencode;

/// <summary>One file of a torrent: its path segments below the torrent's directory (for a single-file torrent, just the name) and size.</summary>
public sealed record MetainfoFile(IReadOnlyList<string> Path, long Length);
