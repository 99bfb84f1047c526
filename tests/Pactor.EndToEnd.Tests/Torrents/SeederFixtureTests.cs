using Pactor.Bencode;
using Pactor.EndToEnd.Tests.Fixtures;
using Pactor.EndToEnd.Tests.Fixtures.Mirror;
using Pactor.EndToEnd.Tests.Fixtures.Packages;
using Pactor.EndToEnd.Tests.Fixtures.Pactor;
using Pactor.EndToEnd.Tests.Fixtures.Torrents;
using Xunit.Abstractions;

namespace Pactor.EndToEnd.Tests.Torrents;

[Collection(EndToEndCollection.Name)]
public sealed class SeederFixtureTests(PackageRepoFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string Announce = "http://127.0.0.1:6969/announce";

    private readonly TempDirectory _mirror = TempDirectory.Create("seeder");

    public void Dispose() => _mirror.Dispose();

    [Fact]
    public async Task Publishes_a_torrent_next_to_each_package_describing_exactly_that_file()
    {
        var repo = fixture.Repo.CopyTo(_mirror.Path);

        var seeder = await SeederFixture.PublishAsync(repo, [Announce]);

        Assert.Equal(repo.PackageNames, seeder.Torrents.Select(torrent => torrent.Package.Name));
        foreach (var torrent in seeder.Torrents)
        {
            output.WriteLine($"{torrent.Package.FileName}: {torrent.Package.Size} B, {torrent.PieceCount} pieces of {torrent.PieceLength}, {torrent.InfoHash}");
            Assert.Equal(repo.PathOf(torrent.Package) + ".torrent", torrent.TorrentPath);
            var metainfo = Metainfo.Load(torrent.TorrentPath);
            Assert.Equal((torrent.Package.FileName, torrent.Package.Size, true), (metainfo.Name, metainfo.TotalLength, metainfo.IsSingleFile));
            Assert.Equal(Announce, metainfo.Announce);
            Assert.Matches("^[0-9A-F]{40}$", torrent.InfoHash);
            Assert.True(torrent.PieceCount >= 8, "small packages still get several pieces (few pieces are slow in rtorrent)");
        }

        Assert.Equal(string.Concat(seeder.Torrents.Select(torrent => torrent.InfoHash + "\n")), seeder.TrackerWhitelist);
    }

    [Fact]
    public async Task The_torrents_are_the_bytes_pactor_torrent_create_writes()
    {
        var repo = fixture.Repo.CopyTo(_mirror.Path);
        var seeder = await SeederFixture.PublishAsync(repo, [Announce]);
        var small = seeder[PackageRepoFixture.Small];
        var cliOutput = Path.Combine(_mirror.Path, "cli.torrent");

        var result = (await PactorCli.RunAsync(["torrent", "create", small.PackagePath, "-o", cliOutput, "-a", Announce])).EnsureSuccess();

        output.WriteLine($"dotnet pactor.dll torrent create: {result.Duration.TotalMilliseconds:0} ms");
        Assert.Equal(await File.ReadAllBytesAsync(small.TorrentPath), await File.ReadAllBytesAsync(cliOutput));
    }

    [Fact]
    public async Task A_mirror_over_the_tree_serves_the_torrents_and_does_not_count_them_as_package_requests()
    {
        var repo = fixture.Repo.CopyTo(_mirror.Path);
        var seeder = await SeederFixture.PublishAsync(repo, [Announce]);
        await using var mirror = await StaticMirrorServer.StartAsync(repo.MirrorRoot);
        using var client = new HttpClient();
        var medium = seeder[PackageRepoFixture.Medium];

        var bytes = await client.GetByteArrayAsync(new Uri(mirror.BaseUrl, $"{repo.UrlPath.TrimStart('/')}/{medium.Package.FileName}.torrent"));

        Assert.Equal(await File.ReadAllBytesAsync(medium.TorrentPath), bytes);
        Assert.True(Assert.Single(mirror.Requests).IsTorrent);
        Assert.Empty(mirror.PackageRequests);
    }
}
