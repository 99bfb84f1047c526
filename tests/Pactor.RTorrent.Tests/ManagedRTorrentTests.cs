using Microsoft.Extensions.Logging.Abstractions;

namespace Pactor.RTorrent.Tests;

public sealed class ManagedRTorrentTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "pactor-managed-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_rtorrent_binary_is_one_clear_error()
    {
        await using var managed = new ManagedRTorrent(
            new ManagedRTorrentOptions { WorkDirectory = Path.Combine(work, "rt"), DownloadDirectory = Path.Combine(work, "dl"), Executable = "/nonexistent/rtorrent" },
            TimeProvider.System,
            NullLogger<ManagedRTorrent>.Instance);

        var e = await Assert.ThrowsAsync<RTorrentUnreachableException>(() => managed.StartAsync(CancellationToken.None));

        Assert.Contains("apt-get install rtorrent", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task A_stale_rtorrent_from_a_crashed_run_is_stopped_and_a_fresh_one_answers()
    {
        var options = new ManagedRTorrentOptions { WorkDirectory = Path.Combine(work, "rt"), DownloadDirectory = Path.Combine(work, "dl") };
        await using var stale = new ManagedRTorrent(options, TimeProvider.System, NullLogger<ManagedRTorrent>.Instance);
        await stale.StartAsync(CancellationToken.None);
        var stalePid = stale.ProcessId!.Value;

        // A new pactor over the same directory, while the old rtorrent still runs (pactor crashed).
        await using var fresh = new ManagedRTorrent(options, TimeProvider.System, NullLogger<ManagedRTorrent>.Instance);
        await fresh.StartAsync(CancellationToken.None);
        var version = await RTorrentClientFactory.Create(fresh.Endpoint, new RTorrentOptions()).GetVersionAsync();

        Assert.Equal("0.9.8", version.Client);
        Assert.NotEqual(stalePid, fresh.ProcessId);
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(stalePid));
    }
}
