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

    public static BValue Read(ReadOnlySpan<byte> data) => Read(data, int.MaxValue);

    /// <summary>
    /// Like <see cref="Read(ReadOnlySpan{byte})"/>, refusing input with more than <paramref name="maxValues"/>
    /// values (dictionary keys count): decoded values take far more memory than their bytes ("le" is two bytes).
    /// </summary>
    public static BValue Read(ReadOnlySpan<byte> data, int maxValues)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxValues);
        var parser = new Parser(data, maxValues);
        var value = parser.ReadValue(depth: 0);
        if (parser.Position != data.Length)
        {
            throw new BencodeException("expected end of data after the value (trailing bytes)", parser.Position);
        }

        return value;
    }

    private ref struct Parser(ReadOnlySpan<byte> data, int maxValues)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private readonly int _maxValues = maxValues;
        private int _valuesLeft = maxValues;

        public int Position { get; private set; }

        public BValue ReadValue(int depth)
        {
            var start = Position;
            if (--_valuesLeft < 0)
            {
                throw new BencodeException($"more than {_maxValues} values", start);
            }

            BValue value = PeekOrEnd("a value") switch
            {
                (byte)'i' => ReadInteger(),
                (byte)'l' => ReadList(depth + 1),
                (byte)'d' => ReadDictionary(depth + 1),
                >= (byte)'0' and <= (byte)'9' => ReadString(),
                var other => throw new BencodeException($"expected 'i', 'l', 'd' or a string length, found {Describe(other)}", start),
            };
            value.SourceRange = start..Position;
            return value;
        }

        private BInteger ReadInteger()
        {
            var start = Position++;
            var negative = PeekOrEnd("an integer digit") == '-';
            if (negative)
            {
                Position++;
            }

            // The magnitude of long.MinValue is one more than long.MaxValue.
            var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
            var magnitude = ReadDigits(limit, "an integer digit", out var tooLarge, out var leadingZero);
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

            Expect((byte)'e', "'e' to end the integer");
            return new BInteger(negative ? (long)(0 - magnitude) : (long)magnitude);
        }

        private BString ReadString()
        {
            var start = Position;
            var length = ReadDigits((ulong)_data.Length, "a string length digit", out var tooLarge, out var leadingZero);
            if (leadingZero)
            {
                throw new BencodeException("string length has a leading zero", start);
            }

            Expect((byte)':', "':' after string length");
            var left = _data.Length - Position;
            if (tooLarge || length > (ulong)left)
            {
                var digits = Encoding.ASCII.GetString(_data[start..(Position - 1)]);
                throw new BencodeException($"string length {digits} runs past the end of data ({left} bytes left)", start);
            }

            var text = new BString(_data.Slice(Position, (int)length));
            Position += (int)length;
            return text;
        }

        private BList ReadList(int depth)
        {
            CheckDepth(depth);
            Position++;
            var list = new BList();
            while (PeekOrEnd("a list item or 'e'") != 'e')
            {
                list.Add(ReadValue(depth));
            }

            Position++;
            return list;
        }

        private BDictionary ReadDictionary(int depth)
        {
            CheckDepth(depth);
            Position++;
            var dictionary = new BDictionary();
            BString? previous = null;
            while (PeekOrEnd("a dictionary key or 'e'") is var next && next != 'e')
            {
                var keyStart = Position;
                if (next is < (byte)'0' or > (byte)'9')
                {
                    throw new BencodeException($"expected a string dictionary key, found {Describe(next)}", keyStart);
                }

                var key = (BString)ReadValue(depth);
                var order = previous is null ? 1 : BString.CompareBytes(key, previous);
                if (order <= 0)
                {
                    var problem = order == 0 ? "duplicate" : "unsorted";
                    throw new BencodeException($"{problem} dictionary key '{key.Text}' (keys must be unique and sorted by raw bytes)", keyStart);
                }

                dictionary.AppendInOrder(key, ReadValue(depth));
                previous = key;
            }

            Position++;
            return dictionary;
        }

        /// <summary>
        /// Reads decimal digits up to <paramref name="limit"/>; past it keeps scanning but reports
        /// <paramref name="tooLarge"/>, so nothing overflows.
        /// </summary>
        private ulong ReadDigits(ulong limit, string what, out bool tooLarge, out bool leadingZero)
        {
            var first = PeekOrEnd(what);
            if (first is < (byte)'0' or > (byte)'9')
            {
                throw new BencodeException($"expected {what}, found {Describe(first)}", Position);
            }

            var start = Position;
            ulong value = 0;
            tooLarge = false;
            while (Position < _data.Length && _data[Position] is >= (byte)'0' and <= (byte)'9')
            {
                var digit = (ulong)(_data[Position] - '0');
                tooLarge |= digit > limit || value > (limit - digit) / 10;
                value = tooLarge ? 0 : (value * 10) + digit;
                Position++;
            }

            leadingZero = first == '0' && Position - start > 1;
            return value;
        }

        private void Expect(byte expected, string what)
        {
            var found = PeekOrEnd(what);
            if (found != expected)
            {
                throw new BencodeException($"expected {what}, found {Describe(found)}", Position);
            }

            Position++;
        }

        private readonly byte PeekOrEnd(string what) =>
            Position < _data.Length ? _data[Position] : throw new BencodeException($"expected {what} but data ended", Position);

        private readonly void CheckDepth(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new BencodeException($"lists and dictionaries nest deeper than {MaxDepth} levels", Position);
            }
        }
    }

    private static string Describe(byte value) =>
        value is >= 0x21 and < 0x7f ? $"'{(char)value}'" : $"byte 0x{value:x2}";
}
