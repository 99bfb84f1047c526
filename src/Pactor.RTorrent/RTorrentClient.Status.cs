using Pactor.XmlRpc;

namespace Pactor.RTorrent;

/// <summary>Reading downloads: all of them in one <c>d.multicall2</c>, or chosen ones in batched <c>system.multicall</c>s.</summary>
public sealed partial class RTorrentClient
{
    // 18 sub-calls of ~230 bytes per hash: 100 hashes stay under rtorrent's default 512 KiB request limit.
    private const int StatusBatchSize = 100;

    public async Task<IReadOnlyList<DownloadStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        const string method = "d.multicall2";
        var rows = await CallWithRetryAsync(method, ["", "main", .. DownloadStatusColumns.MulticallColumns], cancellationToken);
        return Convert(method, rows, value => XmlRpcValue.AsArray(value)
            .Select(row => DownloadStatusColumns.FromRow(XmlRpcValue.AsArray(row)))
            .ToList());
    }

    public async Task<IReadOnlyDictionary<string, DownloadStatus>> GetStatusAsync(
        IReadOnlyCollection<string> infoHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(infoHashes);
        var hashes = infoHashes.Select(hash => InfoHash.Normalize(hash, nameof(infoHashes))).Distinct().ToList();
        var statuses = new Dictionary<string, DownloadStatus>(StringComparer.Ordinal);
        if (hashes.Count == 0)
        {
            return statuses;
        }

        foreach (var batch in hashes.Chunk(StatusBatchSize))
        {
            await AddStatusesAsync(batch, statuses, cancellationToken);
        }

        return statuses;
    }

    public async Task<int> AnnounceAsync(IReadOnlyCollection<string> infoHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(infoHashes);
        const string method = "d.tracker_announce";
        var announced = 0;
        foreach (var batch in infoHashes.Select(hash => InfoHash.Normalize(hash, nameof(infoHashes))).Distinct().Chunk(StatusBatchSize))
        {
            var results = await MulticallAsync([.. batch.Select(hash => (method, new object?[] { hash }))], cancellationToken);
            announced += results.Count(result => TryUnwrap(method, result, out _));
        }

        return announced;
    }

    private async Task AddStatusesAsync(string[] hashes, Dictionary<string, DownloadStatus> statuses, CancellationToken cancellationToken)
    {
        var columns = DownloadStatusColumns.Methods;
        var calls = hashes.SelectMany(hash => columns.Select(method => (method, new object?[] { hash }))).ToList();
        var results = await MulticallAsync(calls, cancellationToken);
        for (var i = 0; i < hashes.Length; i++)
        {
            var row = new object?[columns.Count];
            var known = true;
            for (var column = 0; column < columns.Count && known; column++)
            {
                known = TryUnwrap(columns[column], results[(i * columns.Count) + column], out row[column]);
            }

            if (known)
            {
                statuses[hashes[i]] = Convert("system.multicall", row, _ => DownloadStatusColumns.FromRow(row));
            }
        }
    }
}
