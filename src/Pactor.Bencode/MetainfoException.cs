namespace Pactor.Bencode;

/// <summary>
/// The bytes are not a valid BitTorrent v1 torrent: malformed bencode (then <see cref="Exception.InnerException"/>
/// is the <see cref="BencodeException"/>), a missing or ill-typed field, or inconsistent values.
/// This is the only exception <see cref="Metainfo.Parse"/> throws for bad content.
/// </summary>
public sealed class MetainfoException : FormatException
{
    public MetainfoException(string problem, long? offset = null, Exception? innerException = null)
        : base("invalid torrent: " + problem + (offset is { } at ? $" (at byte {at})" : ""), innerException)
    {
        Offset = offset;
    }

    /// <summary>Byte of the torrent where the offending value starts, when there is one.</summary>
    public long? Offset { get; }
}
