using Pactor.XmlRpc;

namespace Pactor.RTorrent;

/// <summary>rtorrent understood the call and refused it with an XML-RPC fault (-506 unknown method, -501 unknown hash, -503 bad argument).</summary>
public sealed class RTorrentFaultException(string method, XmlRpcFaultException fault)
    : RTorrentException($"rtorrent refused {method}: fault {fault?.FaultCode}: {fault?.FaultString}", fault)
{
    /// <summary>rtorrent's answer for an info hash it does not know.</summary>
    public const int UnknownHashFaultCode = -501;

    /// <summary>rtorrent's answer for a method it does not define.</summary>
    public const int UnknownMethodFaultCode = -506;

    public string Method { get; } = method;

    public int FaultCode { get; } = fault?.FaultCode ?? throw new ArgumentNullException(nameof(fault));

    public string FaultString { get; } = fault.FaultString;
}
