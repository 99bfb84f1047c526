using Pactor.Bencode;
using Pactor.Core.Seeding;
using Pactor.Core.Upstreams;

namespace Pactor.Core.Tests.Seeding;

/// <summary><see cref="SeedRun"/> without a client: the <c>.torrent</c> files it keeps next to the packages.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TorrentPublishingTests : IDisposable
{
    private const string Announce = "http://127.0.0.1:6969/announce";
    private readonly MirrorTreeBuilder tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public async Task Every_package_gets_a_torrent_and_nothing_else_does()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst", length: 300_000, seed: 1);
        var b = tree.Package("b-2:1.0-1-any.pkg.tar.xz", repo: "extra", length: 5_000, seed: 2);
        string[] others =
        [
            tree.Add("core/os/x86_64/core.db.tar.gz"), tree.Add("core/os/x86_64/core.files"),
            tree.Add("core/os/x86_64/core.db.sig"), tree.Add("core/os/x86_64/a-1.0-1-x86_64.pkg.tar.zst.sig"),
            tree.Add("core/os/x86_64/.c-1.0-1-x86_64.pkg.tar.zst.Xa3k9q"), tree.Add("core/os/x86_64/README"),
            tree.Add("pool/packages/d-1.0-1-x86_64.pkg.tar.zst"), tree.Add("core/x86_64/e-1.0-1-x86_64.pkg.tar.zst"),
        ];

        var report = await tree.RunAsync();

        Assert.Equal(2, report.Created);
        Assert.Empty(report.Problems);
        Assert.All(others, other => Assert.False(File.Exists(tree.TorrentOf(other)), other));
        var torrentA = Metainfo.Load(tree.TorrentOf(a));
        var torrentB = Metainfo.Load(tree.TorrentOf(b));
        Assert.Equal(("a-1.0-1-x86_64.pkg.tar.zst", 300_000L, true), (torrentA.Name, torrentA.TotalLength, torrentA.IsSingleFile));
        Assert.Equal(("b-2:1.0-1-any.pkg.tar.xz", 5_000L), (torrentB.Name, torrentB.TotalLength));
        Assert.Equal(PieceLengthPolicy.Choose(300_000), torrentA.PieceLength);
        Assert.Equal([Announce], torrentA.Trackers);
        Assert.Null(torrentA.CreationDate);
        Assert.Equal(new[] { torrentA.InfoHash, torrentB.InfoHash }.Order(StringComparer.Ordinal), report.Published);
        Assert.Equal(File.GetLastWriteTimeUtc(a), File.GetLastWriteTimeUtc(tree.TorrentOf(a)));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(tree.TorrentOf(a)));
    }

    [Fact]
    public async Task The_same_package_gives_the_same_bytes_every_time()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst", length: 100_000);
        await tree.RunAsync();
        var first = await File.ReadAllBytesAsync(tree.TorrentOf(a));
        File.Delete(tree.TorrentOf(a));

        var report = await tree.RunAsync();

        Assert.Equal(1, report.Created);
        Assert.Equal(first, await File.ReadAllBytesAsync(tree.TorrentOf(a)));
        var direct = await TorrentCreator.CreateAsync(a, new TorrentCreateOptions { Announce = [Announce] });
        Assert.Equal(direct, first);
    }

    [Fact]
    public async Task A_second_run_over_an_unchanged_tree_writes_nothing()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        await tree.RunAsync();
        var folder = Path.GetDirectoryName(a)!;
        // Writing a torrent creates and renames a file in the folder, which moves the folder's modification time.
        Directory.SetLastWriteTimeUtc(folder, new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var second = await tree.RunAsync();

        Assert.True(second.NothingDone);
        Assert.Equal((0, 0, 0, 2), (second.Created, second.Refreshed, second.Removed, second.Unchanged));
        Assert.Equal(2, second.Published.Count);
        Assert.Equal(new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc), Directory.GetLastWriteTimeUtc(folder));
    }

    public static TheoryData<string> Staleness => ["package rewritten", "package time moved back", "torrent corrupt", "torrent of another package", "torrent is a link"];

    [Theory]
    [MemberData(nameof(Staleness))]
    public async Task A_stale_torrent_is_written_again(string how)
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst", length: 50_000);
        var b = tree.Package("b-1.0-1-x86_64.pkg.tar.zst", length: 60_000, seed: 2);
        await tree.RunAsync();
        var before = Metainfo.Load(tree.TorrentOf(a)).InfoHash;
        MakeStale(how, a, b);

        var report = await tree.RunAsync();

        Assert.Equal((1, 0, 1), (report.Refreshed, report.Created, report.Unchanged));
        var after = Metainfo.Load(tree.TorrentOf(a));
        Assert.Equal(("a-1.0-1-x86_64.pkg.tar.zst", new FileInfo(a).Length), (after.Name, after.TotalLength));
        Assert.Equal(how == "package rewritten", after.InfoHash != before);
        Assert.Null(new FileInfo(tree.TorrentOf(a)).LinkTarget);
        Assert.True((await tree.RunAsync()).NothingDone);
    }

    [Fact]
    public async Task Other_trackers_or_web_seeds_make_every_torrent_stale()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        await tree.RunAsync();

        var trackers = await tree.RunAsync(change: o => o with { Announce = [Announce, "http://127.0.0.2:6969/announce"] });
        var webSeed = await tree.RunAsync(change: o => o with
        {
            Announce = [Announce, "http://127.0.0.2:6969/announce"],
            WebSeed = MirrorUrlTemplate.Parse("http://seedbox:8001/$repo/os/$arch"),
        });

        Assert.Equal(2, trackers.Refreshed);
        Assert.Equal(2, webSeed.Refreshed);
        var torrent = Metainfo.Load(tree.TorrentOf(a));
        Assert.Equal([[Announce], ["http://127.0.0.2:6969/announce"]], torrent.AnnounceList.Select(tier => tier.ToArray()));
        Assert.Equal(["http://seedbox:8001/core/os/x86_64/a-1.0-1-x86_64.pkg.tar.zst"], torrent.WebSeeds);
    }

    [Fact]
    public async Task A_torrent_whose_package_is_gone_is_removed()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var b = tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        await tree.RunAsync();
        File.Delete(a);

        var report = await tree.RunAsync();

        Assert.Equal((1, 1), (report.Removed, report.Unchanged));
        Assert.False(File.Exists(tree.TorrentOf(a)));
        Assert.True(File.Exists(tree.TorrentOf(b)));
        Assert.Single(report.Published);
    }

    [Fact]
    public async Task A_package_that_fails_is_reported_and_the_others_are_published()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var b = tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        // Tests run as root, which reads any file: a folder where the torrent goes makes the write fail instead.
        Directory.CreateDirectory(tree.TorrentOf(a));

        var report = await tree.RunAsync();

        var problem = Assert.Single(report.Problems);
        Assert.Equal(a, problem.Path);
        Assert.Contains("cannot make its torrent", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, report.Created);
        Assert.True(File.Exists(tree.TorrentOf(b)));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(a)!, ".*"));
    }

    private void MakeStale(string how, string a, string b)
    {
        switch (how)
        {
            case "package rewritten":
                tree.Package("a-1.0-1-x86_64.pkg.tar.zst", length: 50_000, seed: 9);
                File.SetLastWriteTimeUtc(a, File.GetLastWriteTimeUtc(a).AddSeconds(5));
                break;
            case "package time moved back":
                File.SetLastWriteTimeUtc(a, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
                break;
            case "torrent corrupt":
                File.WriteAllText(tree.TorrentOf(a), "d4:infoi1ee");
                File.SetLastWriteTimeUtc(tree.TorrentOf(a), File.GetLastWriteTimeUtc(a));
                break;
            case "torrent of another package":
                File.Copy(tree.TorrentOf(b), tree.TorrentOf(a), overwrite: true);
                File.SetLastWriteTimeUtc(tree.TorrentOf(a), File.GetLastWriteTimeUtc(a));
                break;
            case "torrent is a link":
                File.Delete(tree.TorrentOf(a));
                File.CreateSymbolicLink(tree.TorrentOf(a), tree.TorrentOf(b));
                break;
        }
    }
}
