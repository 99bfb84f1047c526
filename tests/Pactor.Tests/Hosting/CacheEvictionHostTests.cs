using Microsoft.Extensions.DependencyInjection;
using Pactor.Core.Store;
using Pactor.Hosting;

namespace Pactor.Tests.Hosting;

/// <summary>The eviction service in the running application: a package being streamed stays until its response is over.</summary>
public sealed class CacheEvictionHostTests : IDisposable
{
    private const string Name = "big-1.0-1-x86_64.pkg.tar.zst";
    private const string PackagePath = "/core/os/x86_64/" + Name;
    private readonly MirrorFactory mirror = new(configure: flags => flags[SettingKeys.CacheMaxSize] = "1M");
    private readonly FakeRepository repository;
    private readonly HttpClient client;

    public CacheEvictionHostTests()
    {
        repository = new FakeRepository(mirror);
        client = mirror.CreateMirrorClient();
    }

    public void Dispose()
    {
        client.Dispose();
        mirror.Dispose();
    }

    [Fact]
    public async Task A_package_being_streamed_is_not_deleted_by_an_eviction_during_its_response()
    {
        // 8 MiB over a 1 MiB limit: far more than the response pipe holds, so the response stays open while unread.
        var content = await repository.PublishAsync(Name, 8 * 1024 * 1024, seed: 5);
        (await client.GetAsync("/core/os/x86_64/core.db")).Dispose();
        var pending = client.GetAsync(PackagePath, HttpCompletionOption.ResponseHeadersRead);
        await MirrorTraffic.WaitUntilAsync(() => mirror.Swarm.Loads == 1);
        mirror.Swarm.Complete(Name, content);
        using var response = await mirror.AdvanceUntilAnsweredAsync(pending, TimeSpan.FromMilliseconds(100));
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        await CopyAsync(body, received, 64 * 1024);
        var statistics = mirror.Services.GetRequiredService<CacheStatistics>();
        var file = Path.Combine(mirror.CacheDirectory, "packages", "core", "os", "x86_64", Name);

        // The package landed: the service scans once the landing delay has passed on the clock, and keeps it.
        for (var i = 0; i < 30 && statistics.Snapshot().Files == 0; i++)
        {
            mirror.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        Assert.Equal((1, 0L), (statistics.Snapshot().Files, statistics.Snapshot().EvictedFiles));
        Assert.True(File.Exists(file));
        await body.CopyToAsync(received);
        Assert.Equal(content, received.ToArray());

        // Once the response is over, the next scan evicts it.
        response.Dispose();
        for (var i = 0; i < 20 && File.Exists(file); i++)
        {
            mirror.Time.Advance(CacheEvictor.MaxScanInterval);
            await Task.Delay(100);
        }

        Assert.False(File.Exists(file));
        Assert.Equal(new CacheSnapshot(0, 0, 1, content.Length, 1024 * 1024, null), statistics.Snapshot());
    }

    private static async Task CopyAsync(Stream from, Stream to, int bytes)
    {
        var buffer = new byte[bytes];
        var read = 0;
        while (read < bytes)
        {
            var n = await from.ReadAsync(buffer.AsMemory(read));
            Assert.NotEqual(0, n);
            read += n;
        }

        await to.WriteAsync(buffer);
    }
}
