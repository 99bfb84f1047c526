using System.Text;

namespace Pactor.XmlRpc;

/// <summary>Encodes a <c>methodCall</c> as UTF-8 bytes (no BOM) with an <c>&lt;?xml version="1.0"?&gt;</c> declaration.</summary>
public static class XmlRpcRequestWriter
{
    /// <summary>
    /// Writes a method call. Supported parameter values: <see cref="string"/>, <see cref="int"/>,
    /// <see cref="long"/> (i4 when it fits, else i8), <see cref="bool"/>, finite <see cref="double"/>,
    /// <see cref="byte"/>[] and <see cref="ReadOnlyMemory{T}"/> of bytes (base64),
    /// <see cref="DateTime"/>/<see cref="DateTimeOffset"/>, <c>null</c> (nil), string-keyed
    /// dictionaries (struct) and any other enumerable of supported values (array).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Invalid method name, or a value outside that set (named with its parameter index and path),
    /// a non-finite double, or a string with characters XML 1.0 cannot carry.
    /// </exception>
    public static byte[] Write(string methodName, IReadOnlyList<object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!XmlRpcMethodName.IsValid(methodName))
        {
            throw new ArgumentException(
                $"Method name '{methodName}' is not valid: use letters, digits, '.', '_' and ':' only.",
                nameof(methodName));
        }

        var xml = new StringBuilder(128);
        xml.Append("<?xml version=\"1.0\"?>\n<methodCall>\n<methodName>")
            .Append(methodName)
            .Append("</methodName>\n<params>\n");
        for (var i = 0; i < parameters.Count; i++)
        {
            xml.Append("<param>");
            XmlRpcValueWriter.Append(xml, parameters[i], nameof(parameters), i);
            xml.Append("</param>\n");
        }

        xml.Append("</params>\n</methodCall>\n");
        return XmlRpcValueWriter.Utf8.GetBytes(xml.ToString());
    }
}
