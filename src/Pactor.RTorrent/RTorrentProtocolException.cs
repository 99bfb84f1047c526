using Pactor.XmlRpc;

namespace Pactor.RTorrent;

/// <summary>rtorrent's reply is not valid XML-RPC, or a value has a type or shape the call does not expect.</summary>
public sealed class RTorrentProtocolException(string method, XmlRpcFormatException error)
    : RTorrentException($"unexpected reply from rtorrent to {method}: {error?.Message}", error)
{
    public string Method { get; } = method;
}
