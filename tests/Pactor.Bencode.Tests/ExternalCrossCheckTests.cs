namespace Pactor.Bencode.Tests;

/// <summary>Cross-checks at test time against the real mktorrent and an independent python parser.</summary>
public sealed class ExternalCrossCheckTests
{
    [Theory]
    [InlineData(15, false)]
    [InlineData(16, true)]
    public void A_torrent_made_by_mktorrent_now_has_the_info_hash_python_computes(int pieceExponent, bool multiFile)
    {
        using var folder = new TempDirectory();
        var data = multiFile ? folder.Combine("tree") : folder.WriteFile("live.bin", 300_001);
        if (multiFile)
        {
            folder.WriteFile("tree/one.bin", 70_000);
            folder.WriteFile("tree/sub/two.bin", 12_345);
        }

        var torrent = folder.Combine("live.torrent");

        ExternalProgram.Run("mktorrent", "mktorrent", "-l", $"{pieceExponent}", "-a", "http://127.0.0.1:6969/announce", "-w", "http://127.0.0.1:8080/", "-o", torrent, data);
        var expected = ExternalProgram.PythonInfoHash(torrent);
        var metainfo = Metainfo.Load(torrent);

        Assert.Matches("^[0-9A-F]{40}$", expected);
        Assert.Equal(expected, metainfo.InfoHash);
        Assert.Equal(1 << pieceExponent, metainfo.PieceLength);
        Assert.Equal(["http://127.0.0.1:8080/"], metainfo.WebSeeds);
        Assert.NotNull(metainfo.CreationDate);
    }

    [Fact]
    public async Task A_torrent_made_by_pactor_has_the_info_hash_python_computes()
    {
        using var folder = new TempDirectory();
        folder.WriteFile("tree/a.bin", 50_000);
        folder.WriteFile("tree/b/c.bin", 1);
        var torrent = folder.Combine("pactor.torrent");
        var options = new TorrentCreateOptions { Announce = ["http://127.0.0.1:6969/announce"], IsPrivate = true, Comment = "cross-check" };
        await File.WriteAllBytesAsync(torrent, await TorrentCreator.CreateAsync(folder.Combine("tree"), options));

        var expected = ExternalProgram.PythonInfoHash(torrent);

        Assert.Equal(expected, Metainfo.Load(torrent).InfoHash);
    }
}
