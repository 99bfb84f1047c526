using System.Text;

namespace Pactor.Bencode;

/// <summary>
/// Strict bencode decoder: accepts only the canonical encoding (no leading zeros, no "-0", dictionary keys
/// sorted by raw bytes and unique) and exactly one value with nothing after it. Every problem is a
/// <see cref="BencodeException"/>: integer problems report the 'i', string-length problems the string's first
/// byte, key-order problems the key, unexpected bytes their own offset, and truncation the input length.
/// Every value gets its <see cref="BValue.SourceRange"/>.
/// </summary>
public static class BencodeReader
{
    /// <summary>Lists and dictionaries may nest this deep (a lone list is depth 1); deeper input is rejected.</summary>
    public const int MaxDepth = 64;

    public static BValue Read(ReadOnlySpan<byte> data)
    {
        var position = 0;
        var value = ReadValue(data, ref position, depth: 0);
        if (position != data.Length)
        {
            throw new BencodeException("expected end of data after the value (trailing bytes)", position);
        }

        return value;
    }

    private static BValue ReadValue(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        var start = position;
        BValue value = PeekOrEnd(data, position, "a value") switch
        {
            (byte)'i' => ReadInteger(data, ref position),
            (byte)'l' => ReadList(data, ref position, depth + 1),
            (byte)'d' => ReadDictionary(data, ref position, depth + 1),
            >= (byte)'0' and <= (byte)'9' => ReadString(data, ref position),
            var other => throw new BencodeException($"expected 'i', 'l', 'd' or a string length, found {Describe(other)}", position),
        };
        value.SourceRange = start..position;
        return value;
    }

    private static BInteger ReadInteger(ReadOnlySpan<byte> data, ref int position)
    {
        var start = position++;
        var negative = PeekOrEnd(data, position, "an integer digit") == '-';
        if (negative)
        {
            position++;
        }

        // The magnitude of long.MinValue is one more than long.MaxValue.
        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        var magnitude = ReadDigits(data, ref position, limit, "an integer digit", out var tooLarge, out var leadingZero);
        if (leadingZero)
        {
            throw new BencodeException("integer has a leading zero", start);
        }

        if (tooLarge)
        {
            throw new BencodeException("integer does not fit in 64 bits", start);
        }

        if (negative && magnitude == 0)
        {
            throw new BencodeException("integer is negative zero", start);
        }

        if (PeekOrEnd(data, position, "'e' to end the integer") != 'e')
        {
            throw new BencodeException($"expected 'e' to end the integer, found {Describe(data[position])}", position);
        }

        position++;
        return new BInteger(negative ? (long)(0 - magnitude) : (long)magnitude);
    }

    private static BString ReadString(ReadOnlySpan<byte> data, ref int position)
    {
        var start = position;
        var length = ReadDigits(data, ref position, (ulong)data.Length, "a string length digit", out var tooLarge, out var leadingZero);
        if (leadingZero)
        {
            throw new BencodeException("string length has a leading zero", start);
        }

        if (PeekOrEnd(data, position, "':' after the string length") != ':')
        {
            throw new BencodeException($"expected ':' after string length, found {Describe(data[position])}", position);
        }

        position++;
        var left = data.Length - position;
        if (tooLarge || length > (ulong)left)
        {
            var digits = Encoding.ASCII.GetString(data[start..(position - 1)]);
            throw new BencodeException($"string length {digits} runs past the end of data ({left} bytes left)", start);
        }

        var text = new BString(data.Slice(position, (int)length));
        position += (int)length;
        return text;
    }

    private static BList ReadList(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        CheckDepth(position, depth);
        position++;
        var list = new BList();
        while (PeekOrEnd(data, position, "a list item or 'e'") != 'e')
        {
            list.Add(ReadValue(data, ref position, depth));
        }

        position++;
        return list;
    }

    private static BDictionary ReadDictionary(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        CheckDepth(position, depth);
        position++;
        var dictionary = new BDictionary();
        BString? previous = null;
        while (PeekOrEnd(data, position, "a dictionary key or 'e'") is var next && next != 'e')
        {
            var keyStart = position;
            if (next is < (byte)'0' or > (byte)'9')
            {
                throw new BencodeException($"expected a string dictionary key, found {Describe(next)}", position);
            }

            var key = (BString)ReadValue(data, ref position, depth);
            var order = previous is null ? 1 : BString.CompareBytes(key, previous);
            if (order <= 0)
            {
                var problem = order == 0 ? "duplicate" : "unsorted";
                throw new BencodeException($"{problem} dictionary key '{key.Text}' (keys must be unique and sorted by raw bytes)", keyStart);
            }

            dictionary.AppendInOrder(key, ReadValue(data, ref position, depth));
            previous = key;
        }

        position++;
        return dictionary;
    }

    /// <summary>
    /// Reads decimal digits up to <paramref name="limit"/>; past it keeps scanning but reports
    /// <paramref name="tooLarge"/>, so nothing overflows.
    /// </summary>
    private static ulong ReadDigits(ReadOnlySpan<byte> data, ref int position, ulong limit, string what, out bool tooLarge, out bool leadingZero)
    {
        var first = PeekOrEnd(data, position, what);
        if (first is < (byte)'0' or > (byte)'9')
        {
            throw new BencodeException($"expected {what}, found {Describe(first)}", position);
        }

        var start = position;
        ulong value = 0;
        tooLarge = false;
        while (position < data.Length && data[position] is >= (byte)'0' and <= (byte)'9')
        {
            var digit = (ulong)(data[position] - '0');
            tooLarge |= digit > limit || value > (limit - digit) / 10;
            value = tooLarge ? 0 : (value * 10) + digit;
            position++;
        }

        leadingZero = first == '0' && position - start > 1;
        return value;
    }

    private static byte PeekOrEnd(ReadOnlySpan<byte> data, int position, string what) =>
        position < data.Length ? data[position] : throw new BencodeException($"expected {what} but data ended", position);

    private static void CheckDepth(int position, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new BencodeException($"lists and dictionaries nest deeper than {MaxDepth} levels", position);
        }
    }

    private static string Describe(byte value) =>
        value is >= 0x21 and < 0x7f ? $"'{(char)value}'" : $"byte 0x{value:x2}";
}
