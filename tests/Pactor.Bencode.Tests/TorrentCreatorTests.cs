using System.Security.Cryptography;

namespace Pactor.Bencode.Tests;

public sealed class TorrentCreatorTests
{
    private static readonly TorrentCreateOptions Options = new() { Announce = ["http://127.0.0.1:6969/announce"] };

    [Fact]
    public async Task Single_file_pieces_are_the_sha1_of_each_piece_of_the_file()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("pkg.tar.zst", (16384 * 5) + 123);

        var metainfo = Metainfo.Parse(await TorrentCreator.CreateAsync(path, Options with { PieceLength = 16384 }));

        var expected = File.ReadAllBytes(path).Chunk(16384).SelectMany(SHA1.HashData).ToArray();
        Assert.Equal(expected, metainfo.Pieces.ToArray());
        Assert.Equal(6, metainfo.PieceCount);
        Assert.Equal("pkg.tar.zst", metainfo.Name);
        Assert.True(metainfo.IsSingleFile);
        Assert.Equal((16384 * 5) + 123, metainfo.TotalLength);
    }

    [Fact]
    public async Task Directory_becomes_a_multi_file_torrent_in_byte_order_with_pieces_across_files()
    {
        using var folder = new TempDirectory();
        folder.WriteFile("pkgs/b.bin", 20_000);
        folder.WriteFile("pkgs/a/z.bin", 5_000);
        folder.WriteFile("pkgs/a-1.bin", 30_001);
        folder.WriteFile("pkgs/.sig", 7);
        folder.WriteFile("pkgs/empty", 0);
        string[] order = [".sig", "a-1.bin", "a/z.bin", "b.bin", "empty"];

        var metainfo = Metainfo.Parse(await TorrentCreator.CreateAsync(folder.Combine("pkgs"), Options with { PieceLength = 16384 }));

        Assert.False(metainfo.IsSingleFile);
        Assert.Equal("pkgs", metainfo.Name);
        Assert.Equal(order, metainfo.Files.Select(file => string.Join('/', file.Path)));
        var data = order.SelectMany(name => File.ReadAllBytes(folder.Combine(["pkgs", .. name.Split('/')]))).ToArray();
        Assert.Equal(data.Chunk(16384).SelectMany(SHA1.HashData).ToArray(), metainfo.Pieces.ToArray());
    }

    [Fact]
    public async Task Same_data_and_options_give_the_same_bytes()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("data.bin", 100_000);

        var first = await TorrentCreator.CreateAsync(path, Options);
        var second = await TorrentCreator.CreateAsync(path, Options);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Creation_date_is_written_only_when_given()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("data.bin", 1000);
        var date = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

        var without = (BDictionary)BencodeReader.Read(await TorrentCreator.CreateAsync(path, Options));
        var with = (BDictionary)BencodeReader.Read(await TorrentCreator.CreateAsync(path, Options with { CreationDate = date }));

        Assert.False(without.ContainsKey("creation date"));
        Assert.Equal(new BInteger(date.ToUnixTimeSeconds()), with["creation date"]);
        Assert.Equal(date, Metainfo.Parse(BencodeWriter.Write(with)).CreationDate);
    }

    [Fact]
    public async Task Options_become_the_matching_torrent_fields()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("data.bin", 1000);
        var options = new TorrentCreateOptions
        {
            Announce = ["http://a/announce", "http://b/announce"],
            WebSeeds = ["http://seed1/", "http://seed2/"],
            Comment = "a comment",
            IsPrivate = true,
            Name = "renamed.bin",
        };

        var metainfo = Metainfo.Parse(await TorrentCreator.CreateAsync(path, options));

        Assert.Equal("http://a/announce", metainfo.Announce);
        Assert.Equal([["http://a/announce"], ["http://b/announce"]], metainfo.AnnounceList);
        Assert.Equal(["http://seed1/", "http://seed2/"], metainfo.WebSeeds);
        Assert.Equal("a comment", metainfo.Comment);
        Assert.Equal("pactor", metainfo.CreatedBy);
        Assert.True(metainfo.IsPrivate);
        Assert.Equal("renamed.bin", metainfo.Name);
        Assert.Equal(PieceLengthPolicy.Min, metainfo.PieceLength);
    }

    [Fact]
    public async Task One_announce_url_and_one_web_seed_are_written_as_plain_strings()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("data.bin", 10);

        var root = (BDictionary)BencodeReader.Read(await TorrentCreator.CreateAsync(path, Options with { WebSeeds = ["http://seed/"], CreatedBy = null }));

        Assert.Equal(new BString("http://seed/"), root["url-list"]);
        Assert.False(root.ContainsKey("announce-list"));
        Assert.False(root.ContainsKey("created by"));
    }

    [Fact]
    public async Task An_empty_file_gives_a_torrent_without_pieces_as_mktorrent_does()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("empty", 0);

        var metainfo = Metainfo.Parse(await TorrentCreator.CreateAsync(path, Options));

        Assert.Equal(0, metainfo.TotalLength);
        Assert.Equal(0, metainfo.PieceCount);
    }

    [Theory]
    [InlineData(8 * 1024)]
    [InlineData(3 * 16 * 1024)]
    [InlineData(128 * 1024 * 1024)]
    [InlineData(0)]
    public async Task An_explicit_piece_length_must_be_a_power_of_two_from_16_KiB_to_64_MiB(int pieceLength)
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("data.bin", 10);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(path, Options with { PieceLength = pieceLength }));

        Assert.Contains($"Piece length {pieceLength} must be a power of two between 16384 and 67108864", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pieces_too_many_for_a_readable_torrent_are_refused_before_hashing()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("sparse.img");
        using (var file = File.Create(path))
        {
            file.SetLength(16L * 1024 * 1024 * 1024);
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(path, Options with { PieceLength = 16384 }));

        Assert.Contains("use a larger piece length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_directory_an_unsafe_name_and_an_empty_url_are_refused()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Combine("nothing"));
        var path = folder.WriteFile("data.bin", 10);

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(folder.Combine("nothing"), Options));
        var name = await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(path, Options with { Name = "../up" }));
        var url = await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(path, Options with { Announce = [""] }));

        Assert.Contains("holds no files", empty.Message, StringComparison.Ordinal);
        Assert.Contains("The torrent name \"../up\" contains '/'", name.Message, StringComparison.Ordinal);
        Assert.Contains("Announce holds an empty URL", url.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_symlinks_are_followed_and_directory_symlinks_refused()
    {
        using var folder = new TempDirectory();
        var target = folder.WriteFile("outside/real.bin", 3000);
        folder.WriteFile("tree/plain.bin", 10);
        File.CreateSymbolicLink(folder.Combine("tree", "link.bin"), target);

        var metainfo = Metainfo.Parse(await TorrentCreator.CreateAsync(folder.Combine("tree"), Options));
        Directory.CreateSymbolicLink(folder.Combine("tree", "loop"), folder.Combine("tree"));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TorrentCreator.CreateAsync(folder.Combine("tree"), Options));

        Assert.Equal([3000L, 10L], metainfo.Files.Select(file => file.Length));
        Assert.Contains("symbolic links to directories are not followed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_reports_bytes_hashed_up_to_the_total()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("data.bin", 300_000);
        var progress = new RecordingProgress();

        await TorrentCreator.CreateAsync(path, Options, progress);

        Assert.Equal(300_000, progress.Values[^1]);
        Assert.True(progress.Values.Count > 1);
        Assert.Equal(progress.Values.Order(), progress.Values);
    }

    [Fact]
    public async Task Cancellation_stops_hashing()
    {
        using var folder = new TempDirectory();
        var path = folder.WriteFile("data.bin", 100_000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => TorrentCreator.CreateAsync(path, Options, cancellationToken: new CancellationToken(canceled: true)));
    }

    private sealed class RecordingProgress : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }
}
