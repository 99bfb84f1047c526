using Pactor.Core.Swarm;

namespace Pactor.RTorrent;

/// <summary>The one mapping from rtorrent's typed exceptions to the core's <see cref="TorrentClientException"/>.</summary>
internal static class CoreExceptionTranslation
{
    public static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RTorrentUnreachableException e)
        {
            throw new TorrentClientException(e.Message, isUnavailable: true, e);
        }
        catch (Exception e) when (e is RTorrentException or InvalidOperationException)
        {
            throw new TorrentClientException(e.Message, isUnavailable: false, e);
        }
    }
}
