namespace Pactor.RTorrent;

/// <summary>A torrent could not be loaded: its bytes are not a valid torrent, or rtorrent never listed it after <c>load.raw</c>.</summary>
public sealed class TorrentLoadException(string message, string? infoHash = null, Exception? innerException = null)
    : RTorrentException(message, innerException)
{
    /// <summary>Upper-case info hash when the torrent could be parsed, else null.</summary>
    public string? InfoHash { get; } = infoHash;
}
