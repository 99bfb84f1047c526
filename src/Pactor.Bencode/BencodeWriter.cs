using System.Buffers;
using System.Globalization;

namespace Pactor.Bencode;

/// <summary>Canonical bencode encoder: dictionary keys in raw-byte order, integers without leading zeros.</summary>
public static class BencodeWriter
{
    public static byte[] Write(BValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(BValue value, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(Write(value));
    }

    /// <exception cref="ArgumentException">The value nests deeper than <see cref="BencodeReader.MaxDepth"/> (or contains itself).</exception>
    public static void Write(BValue value, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(destination);
        WriteValue(value, destination, depth: 0);
    }

    private static void WriteValue(BValue value, IBufferWriter<byte> destination, int depth)
    {
        switch (value)
        {
            case BString text:
                WriteString(text, destination);
                break;
            case BInteger integer:
                WriteByte((byte)'i', destination);
                WriteNumber(integer.Value, destination);
                WriteByte((byte)'e', destination);
                break;
            case BList list:
                CheckDepth(depth + 1);
                WriteByte((byte)'l', destination);
                foreach (var item in list)
                {
                    WriteValue(item, destination, depth + 1);
                }

                WriteByte((byte)'e', destination);
                break;
            case BDictionary dictionary:
                CheckDepth(depth + 1);
                WriteByte((byte)'d', destination);
                foreach (var (key, item) in dictionary)
                {
                    WriteString(key, destination);
                    WriteValue(item, destination, depth + 1);
                }

                WriteByte((byte)'e', destination);
                break;
            default:
                throw new ArgumentException($"Unknown bencode value type {value.GetType().Name}.", nameof(value));
        }
    }

    private static void WriteString(BString text, IBufferWriter<byte> destination)
    {
        WriteNumber(text.Bytes.Length, destination);
        WriteByte((byte)':', destination);
        destination.Write(text.Bytes.Span);
    }

    private static void WriteNumber(long number, IBufferWriter<byte> destination)
    {
        var span = destination.GetSpan(20);
        number.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        destination.Advance(written);
    }

    private static void WriteByte(byte value, IBufferWriter<byte> destination)
    {
        destination.GetSpan(1)[0] = value;
        destination.Advance(1);
    }

    private static void CheckDepth(int depth)
    {
        if (depth > BencodeReader.MaxDepth)
        {
            throw new ArgumentException($"The value nests deeper than {BencodeReader.MaxDepth} levels (or contains itself); readers would reject it.", "value");
        }
    }
}
