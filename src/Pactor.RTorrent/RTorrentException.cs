namespace Pactor.RTorrent;

/// <summary>
/// Base of every error at the rtorrent boundary. Retry <see cref="RTorrentUnreachableException"/>;
/// the others mean rtorrent (or the torrent) said no, and asking again gets the same answer.
/// </summary>
public abstract class RTorrentException : Exception
{
    protected RTorrentException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
