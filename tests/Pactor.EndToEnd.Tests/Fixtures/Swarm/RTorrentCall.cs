using Pactor.RTorrent;
using Pactor.XmlRpc;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// One raw XML-RPC command to an rtorrent, for what the tests read that pactor's typed client has no call for
/// (counters, tracker state). Commands without a download target still want <c>""</c> as their first parameter.
/// </summary>
public static class RTorrentCall
{
    /// <exception cref="XmlRpcFaultException">rtorrent answered with a fault.</exception>
    /// <exception cref="RTorrentUnreachableException">No answer on <paramref name="endpoint"/>.</exception>
    public static async Task<object?> CallAsync(RTorrentEndpoint endpoint, string method, object?[] parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var transport = RTorrentClientFactory.CreateTransport(endpoint, new RTorrentOptions(), TimeProvider.System);
        return XmlRpcResponseReader.Read(await transport.CallAsync(XmlRpcRequestWriter.Write(method, parameters), cancellationToken));
    }
}
