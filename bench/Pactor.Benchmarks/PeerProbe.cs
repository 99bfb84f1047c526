using System.Globalization;
using Pactor.RTorrent;
using Pactor.XmlRpc;

namespace Pactor.Benchmarks;

/// <summary>
/// Whom an rtorrent is getting one download from, right now: <c>p.multicall</c> over its peers (address, bytes
/// received from and sent to each, how much of the download each has; rtorrent 0.9.8 does not show choke states). Seeds drop their connections to other seeds, so this is only worth asking while
/// the download runs.
/// </summary>
public static class PeerProbe
{
    /// <returns>e.g. <c>12.3/50.0 MB, 2 peers, MB from each: 127.77.1.2 10.1 (has 100%), 127.0.0.12 2.2 (has 30%, sent 1.0)</c>.</returns>
    public static async Task<string> DescribeAsync(RTorrentEndpoint endpoint, DownloadStatus download, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(download);
        var transport = RTorrentClientFactory.CreateTransport(endpoint, new RTorrentOptions(), TimeProvider.System);
        var request = XmlRpcRequestWriter.Write("p.multicall", [download.Hash, "", "p.address=", "p.down_total=", "p.up_total=", "p.completed_percent=", "p.is_snubbed="]);
        var rows = XmlRpcValue.AsArray(XmlRpcResponseReader.Read(await transport.CallAsync(request, cancellationToken))).Select(XmlRpcValue.AsArray).ToList();
        var peers = rows
            .Select(row => (Address: XmlRpcValue.AsString(row[0]), Down: XmlRpcValue.AsInt64(row[1]), Up: XmlRpcValue.AsInt64(row[2]), Has: XmlRpcValue.AsInt64(row[3]), Snubbed: XmlRpcValue.AsInt64(row[4]) != 0))
            .OrderByDescending(peer => peer.Down)
            .Select(peer => string.Create(CultureInfo.InvariantCulture,
                $"{peer.Address} {peer.Down / 1e6:0.0} (has {peer.Has}%{(peer.Up > 0 ? $", sent {peer.Up / 1e6:0.0}" : "")}{(peer.Snubbed ? ", snubbed" : "")})"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{download.CompletedBytes / 1e6:0.0}/{download.SizeBytes / 1e6:0.0} MB, {rows.Count} peers, MB from each: {string.Join(", ", peers)}");
    }
}
