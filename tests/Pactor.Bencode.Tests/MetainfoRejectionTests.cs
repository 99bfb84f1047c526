namespace Pactor.Bencode.Tests;

public sealed class MetainfoRejectionTests
{
    public static TheoryData<string, string, string> BrokenFields => new()
    {
        // field to break (info. prefix = inside info), replacement bencode, expected message fragment
        { "info.name", "0:", "'info.name' is empty" },
        { "info.name", "1:.", "'info.name' is '.'" },
        { "info.name", "2:..", "'info.name' is '..'" },
        { "info.name", "5:a/b/c", "'info.name' contains '/'" },
        { "info.name", "4:/etc", "'info.name' contains '/'" },
        { "info.name", "3:a\\b", "'info.name' contains '\\'" },
        { "info.name", "3:a\0b", "'info.name' contains a NUL character" },
        { "info.name", "1:\u00ff", "'info.name' is not valid UTF-8" },
        { "info.name", "i1e", "'info.name' must be a string" },
        { "info.piece length", "i0e", "'info.piece length' must be between 1 and 67108864, got 0" },
        { "info.piece length", "i-16384e", "got -16384" },
        { "info.piece length", "i67108865e", "got 67108865" },
        { "info.piece length", "5:16384", "'info.piece length' must be an integer" },
        { "info.pieces", "19:aaaaaaaaaaaaaaaaaaa", "'info.pieces' is 19 bytes, not a multiple of 20" },
        { "info.pieces", "40:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "holds 2 hashes but 40000 bytes in pieces of 16384 need 3" },
        { "info.pieces", "80:" + new string('a', 80), "holds 4 hashes" },
        { "info.length", "i-1e", "'info.length' is negative" },
        { "info.private", "i2e", "'info.private' must be 0 or 1, got 2" },
        { "info", "le", "'info' must be a dictionary" },
        { "creation date", "i9223372036854775807e", "'creation date' 9223372036854775807 is out of range" },
        { "announce-list", "l4:httpe", "'announce-list[0]' must be a list" },
        { "announce-list", "lli1eee", "'announce-list[0][0]' must be a string" },
        { "url-list", "i1e", "'url-list' must be a string or a list of strings" },
        { "comment", "le", "'comment' must be a string" },
    };

    [Theory]
    [MemberData(nameof(BrokenFields))]
    public void Parse_rejects_a_bad_field_naming_it_and_the_offset_of_its_value(string field, string replacement, string expected)
    {
        var inInfo = field.StartsWith("info.", StringComparison.Ordinal);
        var key = inInfo ? field["info.".Length..] : field;
        var torrent = TorrentBuilder.SingleFile();
        (inInfo ? TorrentBuilder.Info(torrent) : torrent)[key] = BencodeReader.Read(System.Text.Encoding.Latin1.GetBytes(replacement));
        var bytes = TorrentBuilder.Encode(torrent);
        var reread = (BDictionary)BencodeReader.Read(bytes);
        var replaced = (inInfo ? TorrentBuilder.Info(reread) : reread)[key].SourceRange!.Value;

        var error = Assert.Throws<MetainfoException>(() => Metainfo.Parse(bytes));

        Assert.StartsWith("invalid torrent: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        var offset = Assert.IsType<long>(error.Offset);
        Assert.InRange(offset, replaced.Start.Value, replaced.End.Value - 1);
    }

    [Theory]
    [InlineData("name", "'info.name' is missing")]
    [InlineData("piece length", "'info.piece length' is missing")]
    [InlineData("pieces", "'info.pieces' is missing")]
    [InlineData("length", "'info' has neither 'length' nor 'files'")]
    public void Parse_rejects_a_missing_info_field(string key, string expected)
    {
        var torrent = TorrentBuilder.SingleFile();
        TorrentBuilder.Info(torrent).Remove(key);

        var error = Assert.Throws<MetainfoException>(() => Metainfo.Parse(TorrentBuilder.Encode(torrent)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_both_length_and_files()
    {
        var torrent = TorrentBuilder.MultiFile();
        TorrentBuilder.Info(torrent)["length"] = new BInteger(20_000);

        var error = Assert.Throws<MetainfoException>(() => Metainfo.Parse(TorrentBuilder.Encode(torrent)));

        Assert.Contains("'info' has both 'length' and 'files'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { ".." }, "'info.files[2].path[0]' is '..'")]
    [InlineData(new[] { "sub", "." }, "'info.files[2].path[1]' is '.'")]
    [InlineData(new[] { "sub", "" }, "'info.files[2].path[1]' is empty")]
    [InlineData(new[] { "/etc", "passwd" }, "'info.files[2].path[0]' contains '/'")]
    [InlineData(new[] { "a\\..\\b" }, "'info.files[2].path[0]' contains '\\'")]
    [InlineData(new[] { "a\0" }, "contains a NUL character")]
    [InlineData(new string[0], "'info.files[2].path' is empty")]
    public void Parse_rejects_file_paths_that_could_escape_the_torrent_folder(string[] path, string expected)
    {
        var torrent = TorrentBuilder.MultiFile();
        ((BList)TorrentBuilder.Info(torrent)["files"]).Add(TorrentBuilder.File(0, path));

        var error = Assert.Throws<MetainfoException>(() => Metainfo.Parse(TorrentBuilder.Encode(torrent)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_negative_file_lengths_empty_file_lists_and_non_string_segments()
    {
        var negative = TorrentBuilder.MultiFile();
        ((BList)TorrentBuilder.Info(negative)["files"]).Add(TorrentBuilder.File(-1, "x"));
        var empty = TorrentBuilder.MultiFile();
        TorrentBuilder.Info(empty)["files"] = new BList();
        var integerSegment = TorrentBuilder.MultiFile();
        ((BList)TorrentBuilder.Info(integerSegment)["files"]).Add(new BDictionary { ["length"] = new BInteger(0), ["path"] = new BList { new BInteger(1) } });

        var errors = new[] { negative, empty, integerSegment }
            .Select(torrent => Assert.Throws<MetainfoException>(() => Metainfo.Parse(TorrentBuilder.Encode(torrent))).Message)
            .ToList();

        Assert.Contains("'info.files[2].length' is negative", errors[0], StringComparison.Ordinal);
        Assert.Contains("'info.files' is empty", errors[1], StringComparison.Ordinal);
        Assert.Contains("'info.files[2].path[0]' must be a string", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_file_lengths_whose_sum_overflows()
    {
        var torrent = TorrentBuilder.MultiFile();
        ((BList)TorrentBuilder.Info(torrent)["files"]).Add(TorrentBuilder.File(long.MaxValue, "huge"));

        var error = Assert.Throws<MetainfoException>(() => Metainfo.Parse(TorrentBuilder.Encode(torrent)));

        Assert.Contains("does not fit in 64 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_wraps_malformed_bencode_with_its_offset()
    {
        var error = Assert.Throws<MetainfoException>(() => Metainfo.Parse("d4:infod4:name"u8));

        var inner = Assert.IsType<BencodeException>(error.InnerException);
        Assert.Equal(14, inner.Offset);
        Assert.Equal("invalid torrent: bencode: at byte 14: expected a value but data ended", error.Message);
    }

    [Fact]
    public void Parse_rejects_a_top_level_that_is_not_a_dictionary()
    {
        var error = Assert.Throws<MetainfoException>(() => Metainfo.Parse("le"u8));

        Assert.Contains("'the top level' must be a dictionary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_limits_the_number_of_values_so_small_input_cannot_take_huge_memory()
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes("l" + string.Concat(Enumerable.Repeat("le", Metainfo.MaxValues)) + "e");

        var error = Assert.Throws<MetainfoException>(() => Metainfo.Parse(bytes));

        Assert.Contains($"more than {Metainfo.MaxValues} values", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes.Length - 3, Assert.IsType<BencodeException>(error.InnerException).Offset);
    }

    [Fact]
    public void Parse_rejects_more_than_16_MiB()
    {
        var bytes = new byte[Metainfo.MaxTorrentBytes + 1];

        var error = Assert.Throws<MetainfoException>(() => Metainfo.Parse(bytes));

        Assert.Contains("more than the 16777216-byte limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_rejects_an_oversized_file_before_reading_it()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("huge.torrent");
        using (var file = File.Create(path))
        {
            file.SetLength(Metainfo.MaxTorrentBytes + 1);
        }

        var error = Assert.Throws<MetainfoException>(() => Metainfo.Load(path));

        Assert.Contains("16777217 bytes, more than the 16777216-byte limit", error.Message, StringComparison.Ordinal);
    }
}
