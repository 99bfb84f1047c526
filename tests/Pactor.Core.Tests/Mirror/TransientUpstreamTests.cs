using Pactor.Core.Mirror;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

/// <summary>
/// A passing fault is not a fallback: a torrent, database or signature GET that fails transiently is asked again,
/// inside the hedge deadline, before anything falls back, goes on the failure cooldown or is cached.
/// </summary>
public sealed class TransientUpstreamTests : IDisposable
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private const string TorrentUrl = $"http://seedbox.test/core/os/x86_64/{Zlib}.torrent";
    private const string DatabaseUrl = "http://mirror.test/core/os/x86_64/core.db";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);
    private readonly MirrorHarness mirror = new();
    private readonly DateTimeOffset started;

    public TransientUpstreamTests() => started = mirror.Time.GetUtcNow();

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task A_torrent_GET_reset_once_is_retried_and_the_package_comes_from_the_swarm_with_no_cooldown()
    {
        var content = await mirror.PublishAsync(Zlib, 100_000, seed: 1);
        await mirror.SyncDatabaseAsync();
        mirror.Http.ResetNext(TorrentUrl);

        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);
        await DriveUntilAsync(() => mirror.Swarm.Loads == 1 && mirror.Coordinator.InFlight.All(d => d.Hash is not null));
        mirror.Swarm.Complete(Zlib, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var result = Assert.IsType<MirrorResult.File>(await request.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal("swarm", result.Source);
        Assert.Equal(content, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal(2, TorrentGets());
        Assert.False(mirror.Coordinator.Cooldown.IsCooling(MirrorHarness.File(Zlib).RelativePath));
        Assert.Equal(0, mirror.PackageGets(Zlib));
    }

    [Fact]
    public async Task A_missing_torrent_is_asked_for_once()
    {
        await mirror.PublishAsync(Zlib, 1000, seed: 2);
        await mirror.SyncDatabaseAsync();
        mirror.Http.Remove(TorrentUrl);

        var redirect = Assert.IsType<MirrorResult.Redirect>(await mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None));

        Assert.Equal(FallbackReason.SwarmFailed, redirect.Cause);
        Assert.Equal(1, TorrentGets());
        Assert.Equal(mirror.Time.GetUtcNow(), started);
    }

    [Fact]
    public async Task A_torrent_source_failing_every_attempt_falls_back_inside_the_deadline_and_only_then_cools_down()
    {
        await mirror.PublishAsync(Zlib, 1000, seed: 3);
        await mirror.SyncDatabaseAsync();
        mirror.Http.ResetNext(TorrentUrl, times: 100);

        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => TorrentGets() == 1);
        Assert.False(mirror.Coordinator.Cooldown.IsCooling(MirrorHarness.File(Zlib).RelativePath));
        await DriveUntilAsync(() => request.IsCompleted);
        var redirect = Assert.IsType<MirrorResult.Redirect>(await request);

        Assert.Equal(FallbackReason.SwarmFailed, redirect.Cause);
        Assert.Equal(1 + mirror.Options.Value.UpstreamRetryAttempts, TorrentGets());
        Assert.True(mirror.Time.GetUtcNow() - started < mirror.Options.Value.HedgeAfter, $"fell back after {mirror.Time.GetUtcNow() - started}");
        Assert.True(mirror.Coordinator.Cooldown.IsCooling(MirrorHarness.File(Zlib).RelativePath));
        var next = Assert.IsType<MirrorResult.Redirect>(await mirror.Mirror.GetAsync(MirrorHarness.File(Zlib), CancellationToken.None));
        Assert.Equal(FallbackReason.Cooldown, next.Cause);
        Assert.Equal(0, mirror.Swarm.Loads);
    }

    [Fact]
    public async Task A_database_GET_cut_off_midway_is_retried_and_only_the_whole_body_is_cached_and_served()
    {
        var database = new RepoDatabaseBuilder().BuildGzip();
        mirror.Http.Put(DatabaseUrl, database);
        mirror.Http.ResetNext(DatabaseUrl);

        var request = mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        await DriveUntilAsync(() => request.IsCompleted);
        var result = Assert.IsType<MirrorResult.File>(await request);

        Assert.Equal("upstream", result.Source);
        Assert.Equal(database, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal(2, mirror.Http.Requests.Count(r => r.Url == DatabaseUrl));
        Assert.Empty(Directory.EnumerateFileSystemEntries(mirror.Layout.TempDirectory));
    }

    [Fact]
    public async Task A_database_no_attempt_delivers_whole_is_never_cached()
    {
        mirror.Http.Put(DatabaseUrl, new RepoDatabaseBuilder().BuildGzip());
        mirror.Http.ResetNext(DatabaseUrl, times: 100);

        var request = mirror.Mirror.GetAsync(MirrorHarness.File("core.db"), CancellationToken.None);
        await DriveUntilAsync(() => request.IsCompleted);

        Assert.IsType<MirrorResult.Unavailable>(await request);
        Assert.Equal(1 + mirror.Options.Value.UpstreamRetryAttempts, mirror.Http.Requests.Count(r => r.Url == DatabaseUrl));
        Assert.False(File.Exists(mirror.Layout.UpstreamCopyPath(MirrorHarness.File("core.db"))));
        Assert.Empty(Directory.EnumerateFileSystemEntries(mirror.Layout.TempDirectory));
    }

    private int TorrentGets() => mirror.Http.Requests.Count(r => r.Url == TorrentUrl);

    /// <summary>Runs the fake clock in steps far below the hedge deadline until <paramref name="condition"/> holds.</summary>
    private async Task DriveUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            mirror.Time.Advance(Step);
            await Task.Delay(2);
        }

        Assert.True(condition(), $"not reached after {mirror.Time.GetUtcNow() - started} on the fake clock");
    }
}
