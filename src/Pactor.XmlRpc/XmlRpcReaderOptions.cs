namespace Pactor.XmlRpc;

/// <summary>Limits applied while reading a body; exceeding one is an <see cref="XmlRpcFormatException"/>.</summary>
public sealed record XmlRpcReaderOptions
{
    public static XmlRpcReaderOptions Default { get; } = new();

    /// <summary>Largest body accepted, in bytes (default 64 MiB).</summary>
    public int MaxBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Deepest nesting of arrays and structs accepted (default 64).</summary>
    public int MaxDepth { get; init; } = 64;
}
