namespace Pactor.RTorrent;

/// <summary>Carries one XML-RPC request body to rtorrent and returns the reply body.</summary>
public interface IXmlRpcTransport
{
    /// <summary>Sends <paramref name="xmlRequestBody"/> and returns the XML reply body (headers stripped).</summary>
    /// <exception cref="RTorrentUnreachableException">No connection, timeout, or a reply that is not a complete status-200 reply.</exception>
    Task<byte[]> CallAsync(ReadOnlyMemory<byte> xmlRequestBody, CancellationToken cancellationToken);
}
