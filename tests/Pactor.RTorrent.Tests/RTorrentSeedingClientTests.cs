using Moq;
using Pactor.Core.Swarm;
using Pactor.XmlRpc;

namespace Pactor.RTorrent.Tests;

public sealed class RTorrentSeedingClientTests
{
    private const string Hash = "0123456789ABCDEF0123456789ABCDEF01234567";
    private readonly Mock<IRTorrentClient> rtorrent = new(MockBehavior.Strict);

    private static DownloadStatus Status(string label, string directory, bool complete = true) =>
        new(Hash, "a.pkg.tar.zst", IsComplete: complete, CompletedBytes: complete ? 100 : 50, SizeBytes: 100, UploadedBytes: 5, DownloadedBytes: 0,
            UpRate: 1, DownRate: 0, PeersConnected: 2, directory + "/a.pkg.tar.zst", "", IsActive: true, IsHashing: false, label, directory,
            Bitfield: "FE", ChunkSize: 16);

    [Fact]
    public async Task Lists_every_download_with_its_label_directory_and_completeness()
    {
        rtorrent.Setup(r => r.ListAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync([Status("pactor-seed", "/srv/mirror/core/os/x86_64"), Status("", "/downloads", complete: false)]);

        var list = await new RTorrentSeedingClient(rtorrent.Object).ListAsync(CancellationToken.None);

        Assert.Equal(
            [new(Hash, "pactor-seed", "/srv/mirror/core/os/x86_64", IsComplete: true), new Core.Seeding.SeededDownload(Hash, "", "/downloads", IsComplete: false)],
            list);
    }

    [Fact]
    public async Task Announces_the_given_downloads_in_one_call_and_says_how_many_rtorrent_knew()
    {
        rtorrent.Setup(r => r.AnnounceAsync(It.Is<IReadOnlyCollection<string>>(h => h.Count == 2), It.IsAny<CancellationToken>())).ReturnsAsync(1);

        var announced = await new RTorrentSeedingClient(rtorrent.Object).AnnounceAsync([Hash, new string('B', 40)], CancellationToken.None);

        Assert.Equal(1, announced);
    }

    [Fact]
    public async Task Loads_started_into_the_packages_folder_with_the_label()
    {
        TorrentLoadOptions? sent = null;
        rtorrent.Setup(r => r.LoadAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<TorrentLoadOptions>(), It.IsAny<CancellationToken>()))
            .Callback<ReadOnlyMemory<byte>, TorrentLoadOptions, CancellationToken>((_, options, _) => sent = options)
            .ReturnsAsync(Hash);

        var hash = await new RTorrentSeedingClient(rtorrent.Object).LoadAsync(new byte[] { 1 }, "/srv/mirror/core/os/x86_64", "pactor-seed", CancellationToken.None);

        Assert.Equal(Hash, hash);
        Assert.Equal(
            new TorrentLoadOptions { Directory = "/srv/mirror/core/os/x86_64", Label = "pactor-seed", Start = true, Priority = DownloadPriority.Normal },
            sent);
    }

    [Fact]
    public async Task Erasing_never_deletes_data()
    {
        rtorrent.Setup(r => r.EraseAsync(Hash, false, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var erased = await new RTorrentSeedingClient(rtorrent.Object).EraseKeepingDataAsync(Hash, CancellationToken.None);

        Assert.True(erased);
        rtorrent.Verify(r => r.EraseAsync(Hash, false, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Unreachable_is_unavailable_and_a_refusal_is_not()
    {
        rtorrent.Setup(r => r.ListAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RTorrentUnreachableException("scgi://127.0.0.1:1", "connection refused"));
        rtorrent.Setup(r => r.LoadAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<TorrentLoadOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TorrentLoadException("rtorrent did not accept it"));
        rtorrent.Setup(r => r.EraseAsync(Hash, false, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RTorrentFaultException("d.erase", new XmlRpcFaultException(-503, "Target of wrong type to command.")));
        var client = new RTorrentSeedingClient(rtorrent.Object);

        var list = await Assert.ThrowsAsync<TorrentClientException>(() => client.ListAsync(CancellationToken.None));
        var load = await Assert.ThrowsAsync<TorrentClientException>(() => client.LoadAsync(new byte[] { 1 }, "/d", "l", CancellationToken.None));
        var erase = await Assert.ThrowsAsync<TorrentClientException>(() => client.EraseKeepingDataAsync(Hash, CancellationToken.None));

        Assert.True(list.IsUnavailable);
        Assert.Contains("connection refused", list.Message, StringComparison.Ordinal);
        Assert.False(load.IsUnavailable);
        Assert.False(erase.IsUnavailable);
    }
}
