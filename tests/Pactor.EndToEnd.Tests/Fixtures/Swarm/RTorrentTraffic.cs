using Pactor.RTorrent;
using Pactor.XmlRpc;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// What an rtorrent has sent and received, from its own counters over XML-RPC: per download <c>d.up.total</c> /
/// <c>d.down.total</c> (piece payload, summed over the main view) and the whole process's
/// <c>throttle.global_up.total</c> / <c>throttle.global_down.total</c> (rtorrent 0.9.8 has both). Counters start at
/// zero with the process, and a download's die with it when it is erased.
/// </summary>
public sealed record RTorrentTraffic(long Uploaded, long Downloaded, long GlobalUploaded, long GlobalDownloaded)
{
    public static async Task<RTorrentTraffic> ReadAsync(RTorrentEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var rows = XmlRpcValue.AsArray(await RTorrentCall.CallAsync(endpoint, "d.multicall2", ["", "main", "d.up.total=", "d.down.total="], cancellationToken));
        long uploaded = 0;
        long downloaded = 0;
        foreach (var row in rows.Select(XmlRpcValue.AsArray))
        {
            uploaded += XmlRpcValue.AsInt64(row[0]);
            downloaded += XmlRpcValue.AsInt64(row[1]);
        }

        var globalUp = XmlRpcValue.AsInt64(await RTorrentCall.CallAsync(endpoint, "throttle.global_up.total", [""], cancellationToken));
        var globalDown = XmlRpcValue.AsInt64(await RTorrentCall.CallAsync(endpoint, "throttle.global_down.total", [""], cancellationToken));
        return new RTorrentTraffic(uploaded, downloaded, globalUp, globalDown);
    }
}
