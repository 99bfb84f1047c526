using System.Text.Json;

namespace Pactor.Tests.Cli;

public sealed class TorrentCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Create_then_info_json_reports_the_independently_computed_info_hash()
    {
        var file = temp.WriteRandomFile("zlib-1.3-1-x86_64.pkg.tar.zst", 300_000, seed: 1);
        var torrent = temp.File("out.torrent");

        var create = await CliRun.InvokeAsync(
            "torrent", "create", file, "-o", torrent,
            "--announce", "http://127.0.0.1:6969/announce", "--announce", "http://127.0.0.2:6969/announce",
            "--web-seed", "http://127.0.0.1:8001/core/os/x86_64/zlib-1.3-1-x86_64.pkg.tar.zst",
            "--comment", "hello", "--private");
        var info = await CliRun.InvokeAsync("torrent", "info", torrent, "--json");

        Assert.Equal(0, create.ExitCode);
        Assert.Equal("", create.Error);
        Assert.Equal(0, info.ExitCode);
        using var json = JsonDocument.Parse(info.Out);
        var root = json.RootElement;
        Assert.Equal(PythonInfoHash.Compute(torrent), root.GetProperty("infoHash").GetString());
        Assert.Equal("zlib-1.3-1-x86_64.pkg.tar.zst", root.GetProperty("name").GetString());
        Assert.Equal(300_000, root.GetProperty("totalSize").GetInt64());
        Assert.Equal(16 * 1024, root.GetProperty("pieceLength").GetInt64());
        Assert.Equal(19, root.GetProperty("pieceCount").GetInt32());
        Assert.True(root.GetProperty("private").GetBoolean());
        Assert.Equal(
            ["http://127.0.0.1:6969/announce", "http://127.0.0.2:6969/announce"],
            root.GetProperty("trackers").EnumerateArray().Select(e => e.GetString()!));
        Assert.Single(root.GetProperty("webSeeds").EnumerateArray());
        Assert.Equal("hello", root.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Create_is_deterministic_and_defaults_to_FILE_torrent()
    {
        var file = temp.WriteRandomFile("a.pkg.tar.zst", 70_000, seed: 2);

        var first = await CliRun.InvokeAsync("torrent", "create", file);
        var bytes = await File.ReadAllBytesAsync(file + ".torrent");
        var second = await CliRun.InvokeAsync("torrent", "create", file, "--force");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file + ".torrent"));
        Assert.Contains(PythonInfoHash.Compute(file + ".torrent"), first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_info_shows_name_size_pieces_hash_and_trackers()
    {
        var file = temp.WriteRandomFile("b.pkg.tar.zst", 1_000_000, seed: 3);
        await CliRun.InvokeAsync("torrent", "create", file, "-a", "http://127.0.0.1:6969/announce", "-l", "64K");

        var info = await CliRun.InvokeAsync("torrent", "info", file + ".torrent");

        Assert.Equal(0, info.ExitCode);
        Assert.Contains("name:         b.pkg.tar.zst", info.Out, StringComparison.Ordinal);
        Assert.Contains("total size:   1000000 bytes (976.6 KiB)", info.Out, StringComparison.Ordinal);
        Assert.Contains("piece length: 65536 (64 KiB)", info.Out, StringComparison.Ordinal);
        Assert.Contains("pieces:       16", info.Out, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:6969/announce", info.Out, StringComparison.Ordinal);
        Assert.Contains(PythonInfoHash.Compute(file + ".torrent"), info.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_refuses_to_overwrite_without_force()
    {
        var file = temp.WriteRandomFile("c", 1000, seed: 4);
        var target = temp.File("c.torrent");
        await File.WriteAllTextAsync(target, "precious");

        var run = await CliRun.InvokeAsync("torrent", "create", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"pactor: {target}: already exists (use --force to overwrite)", run.Error.Trim());
        Assert.Equal("precious", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task Create_of_a_missing_file_names_it()
    {
        var missing = temp.File("nope.pkg.tar.zst");

        var run = await CliRun.InvokeAsync("torrent", "create", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"pactor: {missing}: no such file or directory", run.Error.Trim());
    }

    [Theory]
    [InlineData("--announce", "ftp://x/announce")]
    [InlineData("--announce", "not a url")]
    [InlineData("--web-seed", "udp://127.0.0.1:1/")]
    public async Task Create_rejects_bad_urls_without_writing(string option, string url)
    {
        var file = temp.WriteRandomFile("d", 1000, seed: 5);

        var run = await CliRun.InvokeAsync("torrent", "create", file, option, url);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains(url, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".torrent"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("d4:infoi1ee")]
    [InlineData("d8:announce3:abce")]
    [InlineData("")]
    public async Task Info_on_a_bad_torrent_exits_1_with_one_line_naming_the_file(string content)
    {
        var path = temp.File("bad.torrent");
        await File.WriteAllTextAsync(path, content);

        var run = await CliRun.InvokeAsync("torrent", "info", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith($"pactor: {path}: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_on_a_missing_file_exits_1()
    {
        var run = await CliRun.InvokeAsync("torrent", "info", temp.File("missing.torrent"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"pactor: {temp.File("missing.torrent")}: no such file", run.Error.Trim());
    }
}
