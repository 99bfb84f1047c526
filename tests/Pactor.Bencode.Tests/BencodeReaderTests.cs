using System.Text;

namespace Pactor.Bencode.Tests;

public sealed class BencodeReaderTests
{
    [Fact]
    public void Read_decodes_every_kind_of_value()
    {
        var value = BencodeReader.Read("d3:bar4:spam3:fooi42e4:listli-7e0:lee1:zdee"u8);

        var expected = new BDictionary
        {
            ["bar"] = new BString("spam"),
            ["foo"] = new BInteger(42),
            ["list"] = new BList { new BInteger(-7), new BString(""), new BList() },
            ["z"] = new BDictionary(),
        };
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("i0e", 0L)]
    [InlineData("i-1e", -1L)]
    [InlineData("i9223372036854775807e", long.MaxValue)]
    [InlineData("i-9223372036854775808e", long.MinValue)]
    public void Read_accepts_integers_up_to_the_limits_of_long(string input, long expected)
    {
        var value = BencodeReader.Read(Encoding.ASCII.GetBytes(input));

        Assert.Equal(expected, Assert.IsType<BInteger>(value).Value);
    }

    [Fact]
    public void Read_keeps_string_bytes_that_are_not_utf8()
    {
        var value = BencodeReader.Read([(byte)'2', (byte)':', 0xff, 0x00]);

        Assert.Equal(new byte[] { 0xff, 0x00 }, Assert.IsType<BString>(value).Bytes.ToArray());
    }

    [Theory]
    [InlineData("", 0, "expected a value but data ended")]
    [InlineData("x", 0, "expected 'i', 'l', 'd' or a string length, found 'x'")]
    [InlineData("i03e", 0, "integer has a leading zero")]
    [InlineData("i00e", 0, "integer has a leading zero")]
    [InlineData("i-03e", 0, "integer has a leading zero")]
    [InlineData("i-0e", 0, "integer is negative zero")]
    [InlineData("ie", 1, "expected an integer digit, found 'e'")]
    [InlineData("i-e", 2, "expected an integer digit, found 'e'")]
    [InlineData("i", 1, "expected an integer digit but data ended")]
    [InlineData("i12", 3, "expected 'e' to end the integer but data ended")]
    [InlineData("i12x", 3, "expected 'e' to end the integer, found 'x'")]
    [InlineData("i1.5e", 2, "expected 'e' to end the integer, found '.'")]
    [InlineData("i9223372036854775808e", 0, "integer does not fit in 64 bits")]
    [InlineData("i-9223372036854775809e", 0, "integer does not fit in 64 bits")]
    [InlineData("i123456789012345678901234567890e", 0, "integer does not fit in 64 bits")]
    [InlineData("03:abc", 0, "string length has a leading zero")]
    [InlineData("5:abc", 0, "string length 5 runs past the end of data (3 bytes left)")]
    [InlineData("99999999999999999999999:x", 0, "string length 99999999999999999999999 runs past the end of data (1 bytes left)")]
    [InlineData("3abc", 1, "expected ':' after string length, found 'a'")]
    [InlineData("3", 1, "expected ':' after string length but data ended")]
    [InlineData("li1e", 4, "expected a list item or 'e' but data ended")]
    [InlineData("d1:a", 4, "expected a value but data ended")]
    [InlineData("d1:ai1e", 7, "expected a dictionary key or 'e' but data ended")]
    [InlineData("di1ei2ee", 1, "expected a string dictionary key, found 'i'")]
    [InlineData("dlei2ee", 1, "expected a string dictionary key, found 'l'")]
    [InlineData("d1:bi1e1:ai2ee", 7, "unsorted dictionary key 'a'")]
    [InlineData("d1:ai1e1:ai2ee", 7, "duplicate dictionary key 'a'")]
    [InlineData("d2:abi1e1:ai2ee", 8, "unsorted dictionary key 'a'")]
    [InlineData("i1ei2e", 3, "expected end of data after the value (trailing bytes)")]
    [InlineData("0:\n", 2, "expected end of data after the value (trailing bytes)")]
    public void Read_rejects_malformed_input_at_the_offending_byte(string input, long offset, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(input);

        var error = Assert.Throws<BencodeException>(() => BencodeReader.Read(bytes));

        Assert.Equal(offset, error.Offset);
        Assert.StartsWith($"bencode: at byte {offset}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_reports_the_example_offset_for_a_missing_colon()
    {
        var error = Assert.Throws<BencodeException>(() => BencodeReader.Read("d4:name12abcdefghijkle"u8));

        Assert.Equal("bencode: at byte 9: expected ':' after string length, found 'a'", error.Message);
    }

    [Fact]
    public void Read_orders_keys_by_raw_bytes_not_by_utf16()
    {
        // U+FFFD is EF BF BD in UTF-8 and sorts before F0 9F 98 80 (U+1F600); in UTF-16 the surrogate sorts first.
        var canonical = BencodeReader.Read("d3:\uFFFDi1e4:\U0001F600i2ee"u8);
        var error = Assert.Throws<BencodeException>(() => BencodeReader.Read("d4:\U0001F600i2e3:\uFFFDi1ee"u8));

        Assert.Equal(2, Assert.IsType<BDictionary>(canonical).Count);
        Assert.Equal(10, error.Offset);
    }

    [Fact]
    public void Read_accepts_nesting_up_to_the_maximum_depth()
    {
        var input = new string('l', BencodeReader.MaxDepth) + new string('e', BencodeReader.MaxDepth);

        var value = BencodeReader.Read(Encoding.ASCII.GetBytes(input));

        Assert.IsType<BList>(value);
    }

    [Fact]
    public void Read_rejects_nesting_deeper_than_the_maximum()
    {
        var depth = BencodeReader.MaxDepth + 1;
        var input = string.Concat(Enumerable.Repeat("d1:a", depth - 1)) + "l" + new string('e', depth);

        var error = Assert.Throws<BencodeException>(() => BencodeReader.Read(Encoding.ASCII.GetBytes(input)));

        Assert.Equal((depth - 1) * 4, error.Offset);
        Assert.Contains("nest deeper than 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_rejects_a_million_open_lists_quickly_without_overflowing_the_stack()
    {
        var input = Enumerable.Repeat((byte)'l', 1_000_000).ToArray();

        var error = Assert.Throws<BencodeException>(() => BencodeReader.Read(input));

        Assert.Equal(BencodeReader.MaxDepth, error.Offset);
    }

    [Fact]
    public void Read_with_a_value_limit_rejects_the_first_value_past_it()
    {
        var data = "li1ei2ei3ee"u8;

        var list = BencodeReader.Read(data, maxValues: 4);
        var error = Assert.Throws<BencodeException>(() => BencodeReader.Read("li1ei2ei3ee"u8, maxValues: 3));

        Assert.Equal(3, Assert.IsType<BList>(list).Count);
        Assert.Equal(7, error.Offset);
        Assert.Contains("more than 3 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_records_the_source_range_of_every_value()
    {
        var data = "d4:infod4:name1:xe3:numi7ee"u8.ToArray();

        var root = Assert.IsType<BDictionary>(BencodeReader.Read(data));
        var info = root["info"];

        Assert.Equal(0..data.Length, root.SourceRange);
        Assert.Equal("d4:name1:xe", Encoding.ASCII.GetString(data[info.SourceRange!.Value]));
        Assert.Equal("i7e", Encoding.ASCII.GetString(data[root["num"].SourceRange!.Value]));
        Assert.Equal("4:info", Encoding.ASCII.GetString(data[root.Keys.First().SourceRange!.Value]));
    }

    [Fact]
    public void Source_range_is_null_for_values_built_in_code()
    {
        var value = new BString("built");

        Assert.Null(value.SourceRange);
    }
}
