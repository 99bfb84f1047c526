using Pactor.Bencode;
using Pactor.Core.Seeding;
using Pactor.Core.Swarm;

namespace Pactor.Core.Tests.Seeding;

/// <summary><see cref="SeedRun"/> with a seedbox client: what it loads and erases.</summary>
public sealed class SeedboxTests : IDisposable
{
    private readonly MirrorTreeBuilder tree = new();
    private readonly FakeSeedingClient client = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public async Task Each_torrent_is_loaded_into_its_packages_folder_with_the_label()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var b = tree.Package("b-1.0-1-any.pkg.tar.zst", repo: "extra", seed: 2);

        var report = await tree.RunAsync(client);

        Assert.Equal(2, report.Loaded);
        Assert.Equal(
            [("a-1.0-1-x86_64.pkg.tar.zst", Path.GetDirectoryName(a)!, "pactor-seed"), ("b-1.0-1-any.pkg.tar.zst", Path.GetDirectoryName(b)!, "pactor-seed")],
            client.Loads);
        Assert.Equal(1, client.ListCalls);
    }

    [Fact]
    public async Task A_second_run_loads_nothing_and_asks_once()
    {
        tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        await tree.RunAsync(client);

        var second = await tree.RunAsync(client);

        Assert.True(second.NothingDone);
        Assert.Equal(2, client.Loads.Count);
        Assert.Equal(["list", "load a-1.0-1-x86_64.pkg.tar.zst", "load b-1.0-1-x86_64.pkg.tar.zst", "list"], client.Calls);
    }

    [Fact]
    public async Task A_hash_someone_else_already_seeds_is_not_loaded_again()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        await tree.RunAsync();
        client.Add(new SeededDownload(Metainfo.Load(tree.TorrentOf(a)).InfoHash, "by-hand", "/elsewhere"));

        var report = await tree.RunAsync(client);

        Assert.Equal(0, report.Loaded);
        Assert.Empty(client.Loads);
    }

    [Fact]
    public async Task A_vanished_packages_download_is_erased_and_only_ours_under_the_root()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        var b = tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        await tree.RunAsync(client);
        var hashA = Metainfo.Load(tree.TorrentOf(a)).InfoHash;
        const string Foreign = "0123456789ABCDEF0123456789ABCDEF01234567";
        const string OtherTree = "89ABCDEF0123456789ABCDEF0123456789ABCDEF";
        client.Add(new SeededDownload(Foreign, "by-hand", Path.GetDirectoryName(a)!));
        client.Add(new SeededDownload(OtherTree, "pactor-seed", "/srv/other-mirror/core/os/x86_64"));
        File.Delete(a);

        var report = await tree.RunAsync(client);

        Assert.Equal((1, 1), (report.Removed, report.Erased));
        Assert.Equal([hashA], client.Erased);
        Assert.Equal([Foreign, OtherTree, Metainfo.Load(tree.TorrentOf(b)).InfoHash], client.Downloads.Select(d => d.Hash).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_rewritten_package_replaces_its_old_download()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        await tree.RunAsync(client);
        var old = Metainfo.Load(tree.TorrentOf(a)).InfoHash;
        tree.Package("a-1.0-1-x86_64.pkg.tar.zst", seed: 7);

        var report = await tree.RunAsync(client);

        Assert.Equal((1, 1, 1), (report.Refreshed, report.Loaded, report.Erased));
        Assert.Equal([old], client.Erased);
        var now = Metainfo.Load(tree.TorrentOf(a)).InfoHash;
        Assert.NotEqual(old, now);
        Assert.Equal(now, Assert.Single(client.Downloads).Hash);
    }

    [Fact]
    public async Task New_trackers_load_the_torrent_again_under_the_same_hash()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        await tree.RunAsync(client);
        var hash = Metainfo.Load(tree.TorrentOf(a)).InfoHash;

        var report = await tree.RunAsync(client, o => o with { Announce = ["http://127.0.0.9:6969/announce"] });
        var again = await tree.RunAsync(client, o => o with { Announce = ["http://127.0.0.9:6969/announce"] });

        Assert.Equal((1, 1, 1), (report.Refreshed, report.Loaded, report.Erased));
        Assert.Equal([hash], client.Erased);
        Assert.Equal(["list", "load a-1.0-1-x86_64.pkg.tar.zst", "list", $"erase {hash}", "load a-1.0-1-x86_64.pkg.tar.zst", "list"], client.Calls);
        Assert.Equal(hash, Assert.Single(client.Downloads).Hash);
        Assert.True(again.NothingDone);
    }

    [Fact]
    public async Task A_package_moved_to_another_repo_is_seeded_from_its_new_folder()
    {
        var testing = tree.Package("a-1.0-1-x86_64.pkg.tar.zst", repo: "core-testing");
        await tree.RunAsync(client);
        var hash = Metainfo.Load(tree.TorrentOf(testing)).InfoHash;
        var core = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        File.Delete(testing);

        var report = await tree.RunAsync(client);
        var again = await tree.RunAsync(client);

        Assert.Equal((1, 1, 1, 1), (report.Created, report.Removed, report.Loaded, report.Erased));
        Assert.Equal(hash, Metainfo.Load(tree.TorrentOf(core)).InfoHash);
        Assert.Equal(new SeededDownload(hash, "pactor-seed", Path.GetDirectoryName(core)!), Assert.Single(client.Downloads));
        Assert.True(again.NothingDone);
    }

    [Fact]
    public async Task An_unreachable_client_stops_the_run_before_any_torrent_is_written()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        client.Unavailable = true;

        var e = await Assert.ThrowsAsync<TorrentClientException>(() => tree.RunAsync(client));

        Assert.True(e.IsUnavailable);
        Assert.False(File.Exists(tree.TorrentOf(a)));
    }

    [Fact]
    public async Task A_refused_load_is_a_problem_and_the_others_are_loaded()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        tree.Package("b-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        client.Refused.Add("a-1.0-1-x86_64.pkg.tar.zst");

        var report = await tree.RunAsync(client);

        Assert.Equal(1, report.Loaded);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(tree.TorrentOf(a), problem.Path);
        Assert.Contains("did not accept", problem.Message, StringComparison.Ordinal);
        Assert.Equal("b-1.0-1-x86_64.pkg.tar.zst", Assert.Single(client.Loads).Name);
    }

    [Fact]
    public async Task A_torrent_that_cannot_be_made_again_keeps_its_old_download()
    {
        var a = tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        await tree.RunAsync(client);
        var old = Metainfo.Load(tree.TorrentOf(a)).InfoHash;

        // Other trackers make the torrent stale; an empty URL makes making it fail.
        var report = await tree.RunAsync(client, o => o with { Announce = [""] });

        Assert.Equal(a, Assert.Single(report.Problems).Path);
        Assert.Empty(client.Erased);
        Assert.Equal(old, Assert.Single(client.Downloads).Hash);
        Assert.Equal(old, Metainfo.Load(tree.TorrentOf(a)).InfoHash);
    }
}
