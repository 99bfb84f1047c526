using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Seeding;

namespace Pactor.Core.Tests.Seeding;

/// <summary>
/// <see cref="SeedWatcher"/> over a real tree (inotify) with a fake clock: tests move time forward in small steps
/// until the expected scan happens, and check that none happens before its time.
/// </summary>
public sealed class SeedWatcherTests : IDisposable
{
    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(10);
    private readonly MirrorTreeBuilder tree = new();
    private readonly FakeTimeProvider time = new();
    private readonly CancellationTokenSource stop = new();
    private readonly SeedWatchOptions options = new()
    {
        Debounce = TimeSpan.FromSeconds(2),
        MaxDelay = TimeSpan.FromSeconds(30),
        RescanInterval = TimeSpan.FromSeconds(60),
    };

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        tree.Dispose();
    }

    [Theory]
    [InlineData("core/os/x86_64/a-1-1-any.pkg.tar.zst", true)]
    [InlineData("core/os/x86_64", true)]
    [InlineData("core/os/x86_64/core.db", true)]
    [InlineData(null, true)]
    [InlineData("core/os/x86_64/a-1-1-any.pkg.tar.zst.torrent", false)]
    [InlineData("core/os/x86_64/.a-1-1-any.pkg.tar.zst.torrent.0123abcd.tmp", false)]
    [InlineData("core/os/x86_64/.a-1-1-any.pkg.tar.zst.Gx81Qa", false)]
    public void Only_changes_the_scan_does_not_make_itself_count(string? name, bool counts) =>
        Assert.Equal(counts, SeedWatcher.Counts(name));

    [Fact]
    public async Task A_change_is_scanned_once_the_tree_has_been_quiet_for_the_debounce_time()
    {
        var scans = new ConcurrentQueue<TimeSpan>();
        var started = time.GetTimestamp();
        var watcher = new SeedWatcher(tree.Root, options, time);
        var watching = watcher.RunAsync(_ => Record(scans, started), stop.Token);
        await UntilAsync(() => scans.Count == 1, "the first scan");

        tree.Package("a-1.0-1-x86_64.pkg.tar.zst");
        await UntilAsync(() => watcher.ChangesSeen > 0, "the change event");
        await Task.Delay(100);
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        var beforeDebounce = scans.Count;
        await AdvanceUntilAsync(() => scans.Count == 2, "the scan after the change");

        Assert.Equal(1, beforeDebounce);
        Assert.InRange(scans.Last(), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        await StopAsync(watching);
    }

    [Fact]
    public async Task The_tree_is_scanned_again_every_rescan_interval_without_changes()
    {
        var scans = new ConcurrentQueue<TimeSpan>();
        var started = time.GetTimestamp();
        var watching = new SeedWatcher(tree.Root, options, time).RunAsync(_ => Record(scans, started), stop.Token);
        await UntilAsync(() => scans.Count == 1, "the first scan");
        await Task.Delay(100);

        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        var before = scans.Count;
        await AdvanceUntilAsync(() => scans.Count == 2, "the periodic scan");

        Assert.Equal(1, before);
        Assert.InRange(scans.Last(), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(62));
        await StopAsync(watching);
    }

    [Fact]
    public async Task New_and_removed_packages_are_published_loaded_removed_and_erased()
    {
        var client = new FakeSeedingClient();
        var run = tree.Run(client);
        var reports = new ConcurrentQueue<SeedReport>();
        var keep = tree.Package("keep-1.0-1-x86_64.pkg.tar.zst");
        var watching = new SeedWatcher(tree.Root, options, time).RunAsync(
            async token => reports.Enqueue(await run.RunAsync(null, token)), stop.Token);
        await UntilAsync(() => reports.Count == 1, "the first scan");

        var added = tree.Package("new-1.0-1-x86_64.pkg.tar.zst", seed: 2);
        await AdvanceUntilAsync(() => Finished(watching) || reports.Count > 1 && reports.Last() is { Created: 1, Loaded: 1 }, "the new package");
        File.Delete(added);
        await AdvanceUntilAsync(() => Finished(watching) || reports.Last() is { Removed: 1, Erased: 1 }, "the removed package");

        Assert.Equal(["keep-1.0-1-x86_64.pkg.tar.zst", "new-1.0-1-x86_64.pkg.tar.zst"], client.Loads.Select(l => l.Name));
        Assert.Single(client.Erased);
        Assert.True(File.Exists(keep + ".torrent"));
        Assert.False(File.Exists(added + ".torrent"));
        await StopAsync(watching);
    }

    [Fact]
    public async Task A_failing_scan_ends_the_watch_with_its_exception()
    {
        var watching = new SeedWatcher(tree.Root, options, time).RunAsync(_ => throw new IOException("disk gone"), stop.Token);

        var e = await Assert.ThrowsAsync<IOException>(() => watching.WaitAsync(RealTimeout));

        Assert.Equal("disk gone", e.Message);
    }

    private static bool Finished(Task watching) => watching.IsCompleted ? throw new InvalidOperationException("the watch ended", watching.Exception) : false;

    private Task Record(ConcurrentQueue<TimeSpan> scans, long started)
    {
        scans.Enqueue(time.GetElapsedTime(started));
        return Task.CompletedTask;
    }

    private async Task StopAsync(Task watching)
    {
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching.WaitAsync(RealTimeout));
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < RealTimeout, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>Moves the fake clock 250 ms at a time, letting the watcher run in between.</summary>
    private async Task AdvanceUntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < RealTimeout, $"timed out waiting for {what}");
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(20);
        }
    }
}
