namespace Pactor.XmlRpc;

/// <summary>
/// A body or value that is not what XML-RPC (or the caller) expects: malformed, hostile or
/// oversized XML, an unknown type, a value out of range, or a value of the wrong type.
/// </summary>
public sealed class XmlRpcFormatException : XmlRpcException
{
    public XmlRpcFormatException(string message)
        : base(message)
    {
    }

    public XmlRpcFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line of the offending XML when known, else 0.</summary>
    public int LineNumber { get; init; }

    /// <summary>1-based position within <see cref="LineNumber"/> when known, else 0.</summary>
    public int LinePosition { get; init; }
}
