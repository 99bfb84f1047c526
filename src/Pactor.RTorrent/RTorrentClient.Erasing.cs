using Pactor.XmlRpc;

namespace Pactor.RTorrent;

public sealed partial class RTorrentClient
{
    /// <summary>
    /// Erases the download; with <paramref name="deleteData"/> first works out its data path (refusing,
    /// before erasing anything, a path that is not DIRECTORY/NAME of this download), then deletes it after
    /// <c>d.erase</c>. Deleting assumes rtorrent runs on this machine's file system.
    /// </summary>
    public async Task<bool> EraseAsync(string infoHash, bool deleteData, CancellationToken cancellationToken = default)
    {
        var hash = InfoHash.Normalize(infoHash, nameof(infoHash));
        string? dataPath = null;
        if (deleteData)
        {
            dataPath = await GetDataPathAsync(hash, cancellationToken);
            if (dataPath is null)
            {
                logger.EraseUnknown(hash);
                return false;
            }
        }

        try
        {
            await CallWithRetryAsync("d.erase", [hash], cancellationToken);
        }
        catch (RTorrentFaultException e) when (e.FaultCode == RTorrentFaultException.UnknownHashFaultCode)
        {
            // Never there, or erased by an attempt whose reply was lost: gone either way. A data path
            // found just before belongs to the download that is now gone, so it is still deleted.
            if (dataPath is null)
            {
                logger.EraseUnknown(hash);
                return false;
            }
        }

        logger.Erased(hash);
        if (dataPath is not null && DownloadDataPath.Delete(dataPath))
        {
            logger.DataDeleted(hash, dataPath);
        }

        return true;
    }

    /// <summary>The path to delete, null when rtorrent does not know the hash.</summary>
    private async Task<string?> GetDataPathAsync(string hash, CancellationToken cancellationToken)
    {
        string[] methods = ["d.base_path", "d.directory", "d.name", "d.is_multi_file"];
        var results = await MulticallAsync([.. methods.Select(method => (method, new object?[] { hash }))], cancellationToken);
        var values = new object?[methods.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            if (!TryUnwrap(methods[i], results[i], out values[i]))
            {
                return null;
            }
        }

        var path = DownloadDataPath.Choose(
            Convert(methods[0], values[0], XmlRpcValue.AsString),
            Convert(methods[1], values[1], XmlRpcValue.AsString),
            Convert(methods[2], values[2], XmlRpcValue.AsString),
            Convert(methods[3], values[3], XmlRpcValue.AsBoolean),
            out var problem);
        return path ?? throw new InvalidOperationException($"refusing to delete the data of {hash}: {problem}; nothing was erased");
    }
}
