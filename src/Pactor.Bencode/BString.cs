using System.Text;

namespace Pactor.Bencode;

/// <summary>A bencoded byte string. Dictionary keys are ordered by <see cref="Bytes"/>, never by <see cref="Text"/>.</summary>
public sealed class BString : BValue
{
    private string? _text;

    /// <summary>Copies <paramref name="bytes"/>.</summary>
    public BString(ReadOnlySpan<byte> bytes)
    {
        Bytes = bytes.ToArray();
    }

    /// <summary>The UTF-8 encoding of <paramref name="text"/>.</summary>
    public BString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Bytes = Encoding.UTF8.GetBytes(text);
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The bytes decoded as UTF-8; invalid sequences become U+FFFD.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Bytes.Span);

    public override bool Equals(object? obj) => obj is BString other && Bytes.Span.SequenceEqual(other.Bytes.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes.Span);
        return hash.ToHashCode();
    }

    public override string ToString() => Text;

    internal static int CompareBytes(BString left, BString right) => left.Bytes.Span.SequenceCompareTo(right.Bytes.Span);
}
