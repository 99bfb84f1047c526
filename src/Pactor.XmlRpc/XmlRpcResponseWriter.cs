using System.Text;

namespace Pactor.XmlRpc;

/// <summary>
/// Encodes a <c>methodResponse</c> (one value or a fault), for servers and for fakes of rtorrent in tests.
/// Values follow the rules of <see cref="XmlRpcRequestWriter.Write"/>.
/// </summary>
public static class XmlRpcResponseWriter
{
    /// <exception cref="ArgumentException">The value is not representable in XML-RPC.</exception>
    public static byte[] Write(object? value)
    {
        var xml = new StringBuilder(128);
        xml.Append("<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>");
        XmlRpcValueWriter.Append(xml, value, nameof(value));
        xml.Append("</param>\n</params>\n</methodResponse>\n");
        return XmlRpcValueWriter.Utf8.GetBytes(xml.ToString());
    }

    /// <exception cref="ArgumentException">The fault string has characters XML 1.0 cannot carry.</exception>
    public static byte[] WriteFault(int faultCode, string faultString)
    {
        ArgumentNullException.ThrowIfNull(faultString);
        var fault = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["faultCode"] = faultCode,
            ["faultString"] = faultString,
        };
        var xml = new StringBuilder(256);
        xml.Append("<?xml version=\"1.0\"?>\n<methodResponse>\n<fault>\n");
        XmlRpcValueWriter.Append(xml, fault, nameof(faultString));
        xml.Append("\n</fault>\n</methodResponse>\n");
        return XmlRpcValueWriter.Utf8.GetBytes(xml.ToString());
    }
}
