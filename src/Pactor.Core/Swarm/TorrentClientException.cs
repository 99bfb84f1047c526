namespace Pactor.Core.Swarm;

/// <summary>The torrent client failed a call. <see cref="IsUnavailable"/>: it could not be reached at all.</summary>
public sealed class TorrentClientException(string message, bool isUnavailable, Exception? innerException = null)
    : Exception(message, innerException)
{
    public bool IsUnavailable { get; } = isUnavailable;
}
