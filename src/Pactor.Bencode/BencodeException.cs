namespace Pactor.Bencode;

/// <summary>Malformed bencode. <see cref="Offset"/> is the byte of the input where the problem was found.</summary>
public sealed class BencodeException : FormatException
{
    public BencodeException(string problem, long offset)
        : base($"bencode: at byte {offset}: {problem}")
    {
        Offset = offset;
    }

    public long Offset { get; }
}
