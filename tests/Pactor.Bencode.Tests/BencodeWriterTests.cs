using System.Buffers;
using System.Text;

namespace Pactor.Bencode.Tests;

public sealed class BencodeWriterTests
{
    [Fact]
    public void Write_sorts_dictionary_keys_by_raw_bytes_whatever_the_insertion_order()
    {
        var dictionary = new BDictionary
        {
            ["zeta"] = new BInteger(1),
            ["\U0001F600"] = new BInteger(2),
            ["Zeta"] = new BInteger(3),
            ["\uFFFD"] = new BInteger(4),
            [""] = new BInteger(5),
            ["z"] = new BInteger(6),
        };

        var bytes = BencodeWriter.Write(dictionary);

        Assert.Equal("d0:i5e4:Zetai3e1:zi6e4:zetai1e3:\uFFFDi4e4:\U0001F600i2ee", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData(0L, "i0e")]
    [InlineData(-1L, "i-1e")]
    [InlineData(long.MaxValue, "i9223372036854775807e")]
    [InlineData(long.MinValue, "i-9223372036854775808e")]
    public void Write_encodes_integers_canonically(long value, string expected)
    {
        var bytes = BencodeWriter.Write(new BInteger(value));

        Assert.Equal(expected, Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Write_encodes_strings_lists_and_nested_values()
    {
        var value = new BList { new BString("spam"), new BString(""), new BList(), new BDictionary { ["k"] = new BList { new BInteger(3) } } };

        var bytes = BencodeWriter.Write(value);

        Assert.Equal("l4:spam0:led1:kli3eeee", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Write_counts_string_length_in_bytes()
    {
        var bytes = BencodeWriter.Write(new BString("é"));

        Assert.Equal(new byte[] { (byte)'2', (byte)':', 0xc3, 0xa9 }, bytes);
    }

    [Fact]
    public void Write_to_a_stream_and_a_buffer_writer_gives_the_same_bytes()
    {
        var value = new BDictionary { ["b"] = new BInteger(1), ["a"] = new BString("x") };
        using var stream = new MemoryStream();
        var buffer = new ArrayBufferWriter<byte>(1);

        BencodeWriter.Write(value, stream);
        BencodeWriter.Write(value, buffer);

        Assert.Equal("d1:a1:x1:bi1ee", Encoding.ASCII.GetString(stream.ToArray()));
        Assert.Equal(stream.ToArray(), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Write_refuses_values_nested_deeper_than_readers_accept()
    {
        var deep = new BList();
        var innermost = deep;
        for (var depth = 1; depth <= BencodeReader.MaxDepth; depth++)
        {
            var next = new BList();
            innermost.Add(next);
            innermost = next;
        }

        var error = Assert.Throws<ArgumentException>(() => BencodeWriter.Write(deep));

        Assert.Contains("deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_refuses_a_list_that_contains_itself()
    {
        var loop = new BList();
        loop.Add(loop);

        Assert.Throws<ArgumentException>(() => BencodeWriter.Write(loop));
    }
}
