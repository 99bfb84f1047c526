using Moq;
using Pactor.Core.Swarm;
using Pactor.XmlRpc;

namespace Pactor.RTorrent.Tests;

public sealed class RTorrentSwarmClientTests
{
    private const string Hash = "0123456789ABCDEF0123456789ABCDEF01234567";
    private readonly Mock<IRTorrentClient> rtorrent = new(MockBehavior.Strict);

    // 100 bytes in pieces of 16: 7 pieces, two hex digits; "C8" = pieces 0, 1 and 4 checked.
    private static DownloadStatus Status(
        string label = "pactor", string basePath = "/c/packages/core/os/x86_64/a.pkg.tar.zst", string directory = "/c/packages/core/os/x86_64",
        bool complete = false, string bitfield = "C8") =>
        new(Hash, "a.pkg.tar.zst", IsComplete: complete, CompletedBytes: 10, SizeBytes: 100, UploadedBytes: 5, DownloadedBytes: 10,
            UpRate: 1, DownRate: 7, PeersConnected: 2, basePath, "msg", IsActive: true, IsHashing: false, label, directory, bitfield, ChunkSize: 16);

    [Fact]
    public async Task Progress_maps_rtorrents_columns()
    {
        rtorrent.Setup(r => r.GetStatusAsync(new[] { Hash }, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, DownloadStatus> { [Hash] = Status() });

        var progress = await new RTorrentSwarmClient(rtorrent.Object).GetProgressAsync([Hash], CancellationToken.None);

        Assert.Equal(
            new TorrentProgress(Hash, "a.pkg.tar.zst", false, 10, 100, 2, 5, 7, "/c/packages/core/os/x86_64/a.pkg.tar.zst", "msg") { VerifiedPrefixBytes = 32 },
            progress[Hash]);
    }

    [Theory]
    [InlineData(false, "", 0)]
    [InlineData(false, "00", 0)]
    [InlineData(false, "7E", 0)]
    [InlineData(false, "80", 16)]
    [InlineData(false, "F8", 80)]
    [InlineData(false, "FC", 96)]
    // Every piece checked but not yet complete (rtorrent's last check): the last piece is short, the prefix stops at the size.
    [InlineData(false, "FE", 100)]
    // Complete: the whole size, also while closed (empty) or while rtorrent checks everything again (all clear).
    [InlineData(true, "FE", 100)]
    [InlineData(true, "", 100)]
    [InlineData(true, "00", 100)]
    public async Task The_verified_prefix_is_the_leading_checked_pieces_or_everything_once_complete(bool complete, string bitfield, long prefix)
    {
        rtorrent.Setup(r => r.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([Status(complete: complete, bitfield: bitfield)]);

        var list = await new RTorrentSwarmClient(rtorrent.Object).ListAsync("pactor", CancellationToken.None);

        Assert.Equal(prefix, Assert.Single(list).VerifiedPrefixBytes);
    }

    [Fact]
    public async Task A_download_never_opened_has_its_path_from_directory_and_name()
    {
        rtorrent.Setup(r => r.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([Status(basePath: ""), Status(label: "other")]);

        var list = await new RTorrentSwarmClient(rtorrent.Object).ListAsync("pactor", CancellationToken.None);

        Assert.Equal("/c/packages/core/os/x86_64/a.pkg.tar.zst", Assert.Single(list).BasePath);
    }

    [Fact]
    public async Task Unreachable_rtorrent_is_reported_as_unavailable()
    {
        rtorrent.Setup(r => r.AnnounceAsync(Hash, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RTorrentUnreachableException("scgi://127.0.0.1:1", "connection refused"));

        var e = await Assert.ThrowsAsync<TorrentClientException>(() => new RTorrentSwarmClient(rtorrent.Object).AnnounceAsync(Hash, CancellationToken.None));

        Assert.True(e.IsUnavailable);
        Assert.Contains("connection refused", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_call_or_failed_load_is_not_unavailability()
    {
        rtorrent.Setup(r => r.EraseAsync(Hash, true, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RTorrentFaultException("d.erase", new XmlRpcFaultException(-501, "Could not find info-hash.")));
        rtorrent.Setup(r => r.LoadAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<TorrentLoadOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TorrentLoadException("rtorrent did not accept it"));
        var client = new RTorrentSwarmClient(rtorrent.Object);

        var erase = await Assert.ThrowsAsync<TorrentClientException>(() => client.EraseAsync(Hash, deleteData: true, CancellationToken.None));
        var load = await Assert.ThrowsAsync<TorrentClientException>(() => client.LoadAsync(new byte[] { 1 }, "/d", "pactor", CancellationToken.None));

        Assert.False(erase.IsUnavailable);
        Assert.False(load.IsUnavailable);
    }

    [Fact]
    public async Task Loads_go_to_the_directory_with_the_label_and_start()
    {
        TorrentLoadOptions? seen = null;
        rtorrent.Setup(r => r.LoadAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<TorrentLoadOptions>(), It.IsAny<CancellationToken>()))
            .Callback<ReadOnlyMemory<byte>, TorrentLoadOptions, CancellationToken>((_, o, _) => seen = o)
            .ReturnsAsync(Hash);

        var hash = await new RTorrentSwarmClient(rtorrent.Object).LoadAsync(new byte[] { 1 }, "/d", "pactor", CancellationToken.None);

        Assert.Equal(Hash, hash);
        Assert.Equal(new TorrentLoadOptions { Directory = "/d", Label = "pactor", Start = true }, seen);
    }
}
