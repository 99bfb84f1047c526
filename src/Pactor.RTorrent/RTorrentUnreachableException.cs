namespace Pactor.RTorrent;

/// <summary>
/// rtorrent could not be asked or did not answer properly: connection refused or reset, timeout,
/// a reply that is truncated, badly framed or not HTTP/SCGI status 200. Worth retrying.
/// </summary>
public sealed class RTorrentUnreachableException : RTorrentException
{
    public RTorrentUnreachableException(string endpoint, string reason, Exception? innerException = null)
        : base($"cannot reach rtorrent at {endpoint}: {reason}", innerException)
    {
        Endpoint = endpoint;
        Reason = reason;
    }

    /// <summary>The endpoint as text (password hidden).</summary>
    public string Endpoint { get; }

    public string Reason { get; }
}
