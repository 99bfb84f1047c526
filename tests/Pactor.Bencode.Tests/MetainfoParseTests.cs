namespace Pactor.Bencode.Tests;

public sealed class MetainfoParseTests
{
    [Fact]
    public void Single_file_torrent_has_one_file_named_after_the_torrent()
    {
        var metainfo = Metainfo.Parse(TorrentBuilder.Encode(TorrentBuilder.SingleFile()));

        var file = Assert.Single(metainfo.Files);
        Assert.Equal(["file.bin"], file.Path);
        Assert.Equal(40_000, file.Length);
        Assert.True(metainfo.IsSingleFile);
        Assert.Equal(3, metainfo.PieceCount);
        Assert.Equal(60, metainfo.Pieces.Length);
    }

    [Fact]
    public void Trackers_flatten_announce_and_tiers_without_duplicates_or_empty_urls()
    {
        var torrent = TorrentBuilder.SingleFile();
        torrent["announce"] = new BString("http://a/");
        torrent["announce-list"] = new BList
        {
            new BList { new BString("http://a/"), new BString("http://b/") },
            new BList(),
            new BList { new BString(""), new BString("http://c/"), new BString("http://b/") },
        };

        var metainfo = Metainfo.Parse(TorrentBuilder.Encode(torrent));

        Assert.Equal("http://a/", metainfo.Announce);
        Assert.Equal(3, metainfo.AnnounceList.Count);
        Assert.Equal(["http://a/", "http://b/", "http://c/"], metainfo.Trackers);
    }

    [Fact]
    public void Web_seeds_may_be_a_single_string()
    {
        var torrent = TorrentBuilder.SingleFile();
        torrent["url-list"] = new BString("http://seed/file.bin");

        var metainfo = Metainfo.Parse(TorrentBuilder.Encode(torrent));

        Assert.Equal(["http://seed/file.bin"], metainfo.WebSeeds);
    }

    [Fact]
    public void Optional_fields_are_absent_when_missing()
    {
        var metainfo = Metainfo.Parse(TorrentBuilder.Encode(TorrentBuilder.SingleFile()));

        Assert.Null(metainfo.Announce);
        Assert.Empty(metainfo.Trackers);
        Assert.Empty(metainfo.AnnounceList);
        Assert.Empty(metainfo.WebSeeds);
        Assert.Null(metainfo.Comment);
        Assert.Null(metainfo.CreatedBy);
        Assert.Null(metainfo.CreationDate);
        Assert.False(metainfo.IsPrivate);
    }

    [Fact]
    public void Info_hash_is_the_sha1_of_the_raw_info_bytes_including_keys_pactor_does_not_model()
    {
        var torrent = TorrentBuilder.SingleFile();
        TorrentBuilder.Info(torrent)["source"] = new BString("elsewhere");
        TorrentBuilder.Info(torrent)["x-extra"] = new BList { new BInteger(-5), new BDictionary() };
        var bytes = TorrentBuilder.Encode(torrent);
        var infoStart = "d4:info"u8.Length;

        var metainfo = Metainfo.Parse(bytes);

        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(bytes.AsSpan(infoStart..^1))), metainfo.InfoHash);
    }

    [Fact]
    public void Empty_single_file_has_no_pieces()
    {
        var torrent = TorrentBuilder.SingleFile(length: 0, pieces: 0);

        var metainfo = Metainfo.Parse(TorrentBuilder.Encode(torrent));

        Assert.Equal(0, metainfo.TotalLength);
        Assert.Equal(0, metainfo.PieceCount);
    }
}
