using Pactor.Core.Store;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Store;

/// <summary>When <see cref="CacheEvictor.RunAsync"/> scans: at start-up, shortly after packages land, and periodically.</summary>
public sealed class CacheEvictionScheduleTests : IDisposable
{
    private const string A = "aaa-1.0-1-x86_64.pkg.tar.zst";
    private const string B = "bbb-1.0-1-x86_64.pkg.tar.zst";
    private const string C = "ccc-1.0-1-x86_64.pkg.tar.zst";
    private readonly MirrorHarness mirror = new();
    private readonly CachedMirror cache;
    private readonly CancellationTokenSource stop = new();

    public CacheEvictionScheduleTests() => cache = new CachedMirror(mirror);

    public void Dispose()
    {
        stop.Dispose();
        mirror.Dispose();
    }

    [Fact]
    public async Task It_scans_at_start_up_and_a_little_after_a_package_lands()
    {
        await cache.PublishAsync(A, B, C);
        await cache.DownloadAsync(A);
        mirror.Time.Advance(TimeSpan.FromMinutes(2));
        await cache.DownloadAsync(B);
        mirror.Options.Value.CacheMaxSize = 2 * CachedMirror.Size - 1;

        var running = mirror.Evictor.RunAsync(stop.Token);
        await CachedMirror.WaitUntilAsync(() => !cache.AnyFileLeft(A));
        Assert.Equal([B], cache.Cached());

        mirror.Time.Advance(TimeSpan.FromMinutes(2));
        await cache.DownloadAsync(C);
        var advanced = await AdvanceUntilAsync(() => !cache.AnyFileLeft(B), TimeSpan.FromSeconds(1));

        Assert.InRange(advanced, CacheEvictor.LandingDelay, CacheEvictor.LandingDelay + TimeSpan.FromSeconds(5));
        Assert.Equal([C], cache.Cached());
        await StopAsync(running);
    }

    [Fact]
    public async Task It_scans_for_the_age_limit_without_anything_landing()
    {
        await cache.PublishAsync(A);
        await cache.DownloadAsync(A);
        mirror.Options.Value.CacheMaxAge = TimeSpan.FromHours(3);

        var running = mirror.Evictor.RunAsync(stop.Token);
        await CachedMirror.WaitUntilAsync(() => mirror.Statistics.Snapshot().Files == 1);
        var advanced = await AdvanceUntilAsync(() => !cache.AnyFileLeft(A), TimeSpan.FromMinutes(10));

        Assert.InRange(advanced, TimeSpan.FromHours(3), TimeSpan.FromHours(3) + CacheEvictor.MaxScanInterval + TimeSpan.FromMinutes(10));
        Assert.Equal(1, mirror.Statistics.Snapshot().EvictedFiles);
        await StopAsync(running);
    }

    private async Task StopAsync(Task running)
    {
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    // The loop waits on the fake clock: advance a step at a time, letting it run between steps.
    private async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition, TimeSpan step)
    {
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < 60 && !condition(); i++)
        {
            mirror.Time.Advance(step);
            advanced += step;
            await Task.Delay(20);
        }

        Assert.True(condition(), $"not reached after advancing the clock {advanced}");
        return advanced;
    }
}
