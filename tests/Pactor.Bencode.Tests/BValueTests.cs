namespace Pactor.Bencode.Tests;

public sealed class BValueTests
{
    [Fact]
    public void Dictionary_enumerates_in_canonical_order_and_finds_keys_by_text()
    {
        var dictionary = new BDictionary { { "b", new BInteger(2) }, { "a", new BInteger(1) } };

        var found = dictionary.TryGetValue("b", out var value);

        Assert.True(found);
        Assert.Equal(new BInteger(2), value);
        Assert.Equal(["a", "b"], dictionary.Keys.Select(key => key.Text));
        Assert.False(dictionary.TryGetValue("c", out _));
    }

    [Fact]
    public void Dictionary_indexer_replaces_and_add_refuses_duplicates()
    {
        var dictionary = new BDictionary { ["a"] = new BInteger(1) };

        dictionary["a"] = new BInteger(9);

        Assert.Equal(new BInteger(9), dictionary["a"]);
        Assert.Single(dictionary);
        Assert.Throws<ArgumentException>(() => dictionary.Add("a", new BInteger(3)));
        Assert.Throws<KeyNotFoundException>(() => dictionary["missing"]);
    }

    [Fact]
    public void Dictionary_remove_deletes_a_key()
    {
        var dictionary = new BDictionary { ["a"] = new BInteger(1), ["b"] = new BInteger(2) };

        var removed = dictionary.Remove("a");

        Assert.True(removed);
        Assert.False(dictionary.ContainsKey("a"));
        Assert.False(dictionary.Remove("a"));
    }

    [Fact]
    public void Strings_compare_by_bytes_and_decode_utf8_leniently()
    {
        var invalid = new BString([0x61, 0xff]);

        Assert.Equal(new BString("abc"), new BString("abc"u8));
        Assert.NotEqual(new BString("abc"), new BString("abd"));
        Assert.Equal("a\uFFFD", invalid.Text);
        Assert.Equal(new BString("x").GetHashCode(), new BString("x"u8).GetHashCode());
    }

    [Fact]
    public void Lists_and_dictionaries_compare_by_content()
    {
        var left = new BList { new BDictionary { ["k"] = new BString("v") } };
        var right = new BList { new BDictionary { ["k"] = new BString("v") } };
        var other = new BList { new BDictionary { ["k"] = new BString("w") } };

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.NotEqual(left, other);
        Assert.NotEqual<BValue>(new BInteger(1), new BString("1"));
    }
}
