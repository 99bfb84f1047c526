using System.Globalization;

namespace Pactor.XmlRpc;

/// <summary>The server answered with a <c>&lt;fault&gt;</c>: it understood the call and refused it.</summary>
public sealed class XmlRpcFaultException(int code, string faultString)
    : XmlRpcException(string.Create(CultureInfo.InvariantCulture, $"XML-RPC fault {code}: {faultString}"))
{
    /// <summary>rtorrent uses -506 (method not defined), -501 (unknown hash, bad target), -503 (bad option or target type).</summary>
    public int FaultCode { get; } = code;

    public string FaultString { get; } = faultString;
}
