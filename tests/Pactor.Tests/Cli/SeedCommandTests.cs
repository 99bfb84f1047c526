using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pactor.Bencode;
using Pactor.Cli;

namespace Pactor.Tests.Cli;

/// <summary><c>pactor seed</c> in-process without an rtorrent: output, exit codes, bad input.</summary>
public sealed class SeedCommandTests : IDisposable
{
    private readonly SeedTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public async Task Writes_torrents_then_a_second_run_says_there_is_nothing_to_do()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        tree.Add("core/os/x86_64/core.db.tar.gz");

        var first = await tree.SeedAsync();
        var second = await tree.SeedAsync();

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(
            [
                "created core/os/x86_64/a-1.0-1-x86_64.pkg.tar.zst.torrent",
                "created core/os/x86_64/b-1.0-1-x86_64.pkg.tar.zst.torrent",
                $"{tree.Root}: 2 created, 0 refreshed, 0 removed, 0 loaded, 0 erased, 0 unchanged",
            ],
            first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal([SeedTree.Announce], Metainfo.Load(a + ".torrent").Trackers);
        Assert.Equal((0, "nothing to do: 2 torrents up to date\n", ""), (second.ExitCode, second.Out, second.Error));
    }

    [Fact]
    public async Task A_removed_package_loses_its_torrent_and_the_whitelist_follows()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var b = tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        var whitelist = tree.Beside("whitelist.txt");
        await tree.SeedAsync("--whitelist", whitelist);
        File.Delete(a);

        var run = await tree.SeedAsync("--whitelist", whitelist);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("removed core/os/x86_64/a-1.0-1-x86_64.pkg.tar.zst.torrent", run.Out, StringComparison.Ordinal);
        Assert.EndsWith($"0 created, 0 refreshed, 1 removed, 0 loaded, 0 erased, 1 unchanged; whitelist {whitelist}: 1 hashes\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(Metainfo.Load(b + ".torrent").InfoHash + "\n", await File.ReadAllTextAsync(whitelist));
    }

    [Fact]
    public async Task A_package_that_fails_is_named_the_others_are_done_and_the_exit_code_is_1()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var b = tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        Directory.CreateDirectory(a + ".torrent");

        var run = await tree.SeedAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"pactor: {a}: cannot make its torrent: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.True(File.Exists(b + ".torrent"));
        Assert.Contains("1 created", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "no such directory")]
    [InlineData("file", "not a directory")]
    public async Task A_root_that_is_not_a_directory_is_bad_input(string kind, string message)
    {
        var root = tree.Beside("root-" + kind);
        if (kind == "file")
        {
            await File.WriteAllTextAsync(root, "x");
        }

        var run = await CliRun.InvokeAsync("seed", root, "--announce", SeedTree.Announce);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"pactor: {root}: {message}", Assert.Single(run.ErrorLines));
    }

    [Theory]
    [InlineData("--announce", "ftp://tracker/announce", "pactor: --announce 'ftp://tracker/announce': not an absolute http, https or udp URL")]
    [InlineData("--web-seed", "http://host/$repo/$nope", "pactor: --web-seed: 'http://host/$repo/$nope' may only use $repo and $arch, with no query or fragment")]
    [InlineData("--rtorrent", "127.0.0.1:5000", "pactor: --rtorrent: ")]
    [InlineData("--label", "two words", "pactor: --label 'two words': letters, digits, '-', '_' and '.' only")]
    public async Task A_bad_option_value_is_one_line_and_exit_code_1(string option, string value, string message)
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");

        var run = await tree.SeedAsync(option, value);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(a + ".torrent"));
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("seed /srv/mirror")]
    [InlineData("seed /srv/mirror --announce http://t/announce --tracker-pid 1")]
    public async Task Usage_errors_exit_with_2(string commandLine)
    {
        var run = await CliRun.InvokeAsync(commandLine.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("see 'pactor seed --help'", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_rtorrent_is_one_line_exit_code_1_and_nothing_is_written()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var port = FreePort();
        var clock = Stopwatch.StartNew();

        var run = await tree.SeedAsync("--rtorrent", $"scgi://127.0.0.1:{port}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot reach rtorrent at scgi://127.0.0.1:{port}", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(a + ".torrent"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Watch_publishes_what_arrives_until_cancelled_then_exits_0()
    {
        tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var watching = PactorCommandLine.RunAsync(["seed", tree.Root, "--announce", SeedTree.Announce, "--watch"], new CliConsole(output, error), stop.Token);
        await UntilAsync(() => File.Exists(Path.Combine(tree.Root, "core/os/x86_64/a-1.0-1-x86_64.pkg.tar.zst.torrent")));

        var b = tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        await UntilAsync(() => File.Exists(b + ".torrent"));
        await stop.CancelAsync();
        var code = await watching.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, code);
        Assert.Equal("", error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"watching {tree.Root} (Ctrl-C to stop)", lines[0]);
        Assert.Contains("created core/os/x86_64/b-1.0-1-x86_64.pkg.tar.zst.torrent", lines);
        Assert.Equal("stopped", lines[^1]);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "timed out");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
