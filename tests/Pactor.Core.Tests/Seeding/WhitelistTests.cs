using Pactor.Bencode;
using Pactor.Core.Seeding;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Seeding;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WhitelistTests : IDisposable
{
    private readonly MirrorTreeBuilder tree = new();
    private readonly TempDirectory tracker = new();

    private string Whitelist => Path.Combine(tracker.Path, "whitelist.txt");

    public void Dispose()
    {
        tree.Dispose();
        tracker.Dispose();
    }

    [Fact]
    public void Holds_each_hash_once_upper_case_sorted_one_per_line()
    {
        var text = WhitelistFile.Render(["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"]);

        Assert.Equal("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\n", text);
    }

    [Fact]
    public async Task Lists_every_published_hash_and_is_rewritten_only_when_they_change()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var b = tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        var first = await RunAsync();
        File.SetLastWriteTimeUtc(Whitelist, new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var unchanged = await RunAsync();
        var unchangedTime = File.GetLastWriteTimeUtc(Whitelist);
        var c = tree.Package("c-1.0-1-x86_64.pkg.tar.zst", seed: 3);
        var added = await RunAsync();

        Assert.True(first.WhitelistChanged);
        Assert.False(unchanged.WhitelistChanged);
        Assert.True(unchanged.NothingDone);
        Assert.Equal(new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc), unchangedTime);
        Assert.True(added.WhitelistChanged);
        var expected = new[] { a, b, c }.Select(p => Metainfo.Load(p + ".torrent").InfoHash).Order(StringComparer.Ordinal);
        Assert.Equal(string.Concat(expected.Select(h => h + "\n")), await File.ReadAllTextAsync(Whitelist));
        Assert.Empty(Directory.EnumerateFiles(tracker.Path, ".*"));
        // opentracker reads it as nobody.
        Assert.True(File.GetUnixFileMode(Whitelist).HasFlag(UnixFileMode.OtherRead));
    }

    [Fact]
    public async Task The_tracker_hears_of_a_new_whitelist_before_any_torrent_is_loaded()
    {
        tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var client = new FakeSeedingClient();
        var run = tree.Run(client, o => o with
        {
            WhitelistPath = Whitelist,
            WhitelistChanged = _ =>
            {
                client.Calls.Enqueue("whitelist " + File.ReadAllText(Whitelist).Trim());
                return Task.CompletedTask;
            },
        });

        var report = await run.RunAsync(null, CancellationToken.None);
        await run.RunAsync(null, CancellationToken.None);

        Assert.Equal(["list", $"whitelist {Assert.Single(report.Published)}", "load a-1.0-1-x86_64.pkg.tar.zst", "list"], client.Calls);
    }

    private Task<SeedReport> RunAsync() => tree.RunAsync(change: o => o with { WhitelistPath = Whitelist });
}
