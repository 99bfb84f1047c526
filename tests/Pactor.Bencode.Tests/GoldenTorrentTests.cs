using System.Security.Cryptography;

namespace Pactor.Bencode.Tests;

/// <summary>Torrents made by mktorrent, checked against facts computed independently by TestData/infohash.py.</summary>
public sealed class GoldenTorrentTests
{
    public static TheoryData<string> Torrents => GoldenFiles.Names();

    [Fact]
    public void The_golden_set_covers_single_multi_private_webseed_and_several_piece_lengths()
    {
        var all = GoldenFiles.All;

        Assert.Contains(all, torrent => torrent.IsSingleFile);
        Assert.Contains(all, torrent => !torrent.IsSingleFile);
        Assert.Contains(all, torrent => torrent.IsPrivate);
        Assert.Contains(all, torrent => torrent.WebSeeds.Count > 1);
        Assert.Contains(all, torrent => torrent.CreationDate is not null);
        Assert.Equal([1 << 15, 1 << 16, 1 << 18, 1 << 20], all.Select(torrent => torrent.PieceLength).Order());
    }

    [Theory]
    [MemberData(nameof(Torrents))]
    public void Metainfo_reports_what_python_read_from_the_mktorrent_file(string file)
    {
        var expected = GoldenFiles.Get(file);

        var metainfo = Metainfo.Load(GoldenFiles.Path(file));

        Assert.Equal(expected.InfoHash, metainfo.InfoHash);
        Assert.Equal(Convert.FromHexString(expected.InfoHash), metainfo.InfoHashBytes);
        Assert.Equal(expected.Name, metainfo.Name);
        Assert.Equal(expected.IsSingleFile, metainfo.IsSingleFile);
        Assert.Equal(expected.Files.Select(f => string.Join('/', f.Path)), metainfo.Files.Select(f => string.Join('/', f.Path)));
        Assert.Equal(expected.Files.Select(f => f.Length), metainfo.Files.Select(f => f.Length));
        Assert.Equal(expected.TotalLength, metainfo.TotalLength);
        Assert.Equal(expected.PieceLength, metainfo.PieceLength);
        Assert.Equal(expected.PieceCount, metainfo.PieceCount);
        Assert.Equal(expected.Trackers, metainfo.Trackers);
        Assert.Equal(expected.AnnounceTiers, metainfo.AnnounceList.Count);
        Assert.Equal(expected.WebSeeds, metainfo.WebSeeds);
        Assert.Equal(expected.IsPrivate, metainfo.IsPrivate);
        Assert.Equal(expected.Comment, metainfo.Comment);
        Assert.Equal(expected.CreatedBy, metainfo.CreatedBy);
        Assert.Equal(expected.CreationDate, metainfo.CreationDate?.ToUnixTimeSeconds());
    }

    [Theory]
    [MemberData(nameof(Torrents))]
    public void Pieces_are_the_sha1_of_the_committed_data_files(string file)
    {
        var metainfo = Metainfo.Load(GoldenFiles.Path(file));
        var folder = metainfo.IsSingleFile ? GoldenFiles.Path("data") : GoldenFiles.Path("data", "multi");
        var data = metainfo.Files.SelectMany(f => File.ReadAllBytes(Path.Combine([folder, .. f.Path]))).ToArray();

        var expected = data.Chunk(metainfo.PieceLength).SelectMany(SHA1.HashData).ToArray();

        Assert.Equal(expected, metainfo.Pieces.ToArray());
    }

    [Theory]
    [MemberData(nameof(Torrents))]
    public void Mktorrent_output_is_canonical_so_decode_and_encode_gives_the_same_bytes(string file)
    {
        var bytes = File.ReadAllBytes(GoldenFiles.Path(file));

        var reencoded = BencodeWriter.Write(BencodeReader.Read(bytes));

        Assert.Equal(bytes, reencoded);
    }

    [Theory]
    [MemberData(nameof(Torrents))]
    public async Task Pactor_creates_the_same_info_dictionary_as_mktorrent(string file)
    {
        var expected = GoldenFiles.Get(file);
        var source = expected.IsSingleFile ? GoldenFiles.Path("data", "single.bin") : GoldenFiles.Path("data", "multi");
        var options = new TorrentCreateOptions
        {
            Announce = ["http://elsewhere.example/announce"],
            PieceLength = expected.PieceLength,
            IsPrivate = expected.IsPrivate,
            Name = expected.Name,
        };

        var created = Metainfo.Parse(await TorrentCreator.CreateAsync(source, options));

        Assert.Equal(expected.InfoHash, created.InfoHash);
    }
}
