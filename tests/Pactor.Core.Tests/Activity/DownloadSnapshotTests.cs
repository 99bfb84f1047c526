using Pactor.Core.Activity;
using Pactor.Core.Database;
using Pactor.Core.Paths;
using Pactor.Core.Swarm;

namespace Pactor.Core.Tests.Activity;

public sealed class DownloadSnapshotTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly MirrorFile File = MirrorPath.TryParse("core", "x86_64", "zlib-1.3-1-x86_64.pkg.tar.zst")!;
    private static readonly PackageEntry Entry = new("zlib-1.3-1-x86_64.pkg.tar.zst", "zlib", "1.3-1", 1000, new string('a', 64));

    [Fact]
    public void A_download_without_a_hash_is_starting_with_no_progress()
    {
        var snapshot = DownloadSnapshot.Of(new SwarmDownload(File, Entry, Start), Start.AddSeconds(1));

        Assert.Equal("starting", snapshot.State);
        Assert.Equal(0, snapshot.Progress);
        Assert.Null(snapshot.Eta);
        Assert.Equal(1000, snapshot.TotalBytes);
        Assert.Equal("core/os/x86_64/zlib-1.3-1-x86_64.pkg.tar.zst", snapshot.File);
    }

    [Fact]
    public void Without_a_rate_from_the_client_the_average_since_the_start_gives_rate_and_eta()
    {
        var download = new SwarmDownload(File, Entry, Start) { Hash = new string('A', 40) };
        download.Progress = new TorrentProgress(download.Hash, Entry.FileName, false, 250, 1000, 2, 0, 0, null, null);

        var snapshot = DownloadSnapshot.Of(download, Start.AddSeconds(5));

        Assert.Equal("downloading", snapshot.State);
        Assert.Equal(0.25, snapshot.Progress);
        Assert.Equal(50, snapshot.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(15), snapshot.Eta);
        Assert.Equal(2, snapshot.Peers);
    }

    [Fact]
    public void The_client_rate_is_used_when_it_reports_one()
    {
        var download = new SwarmDownload(File, Entry, Start) { Hash = new string('A', 40) };
        download.Progress = new TorrentProgress(download.Hash, Entry.FileName, false, 500, 1000, 1, 0, 100, null, null);

        var snapshot = DownloadSnapshot.Of(download, Start.AddSeconds(50));

        Assert.Equal(100, snapshot.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), snapshot.Eta);
    }
}
