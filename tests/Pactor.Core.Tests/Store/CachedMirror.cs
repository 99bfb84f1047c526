using Pactor.Core.Mirror;
using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Store;

/// <summary>A <see cref="MirrorHarness"/> with helpers to fill the cache as requests do, and to look at it.</summary>
internal sealed class CachedMirror(MirrorHarness mirror)
{
    public const int Size = 10_000;

    private readonly Dictionary<string, byte[]> contents = [];

    public MirrorHarness Harness => mirror;

    /// <summary>Publishes the packages (in the repo database, torrents on the seedbox) and syncs the database once.</summary>
    public async Task PublishAsync(params string[] names)
    {
        foreach (var name in names)
        {
            contents[name] = await mirror.PublishAsync(name, Size, seed: contents.Count + 1);
        }

        await mirror.SyncDatabaseAsync();
    }

    /// <summary>A request that the swarm answers: the package lands verified, requested now.</summary>
    public async Task DownloadAsync(string name)
    {
        var loads = mirror.Swarm.Loads;
        var request = mirror.Mirror.GetAsync(MirrorHarness.File(name), CancellationToken.None);
        await WaitUntilAsync(() => mirror.Swarm.Loads > loads && mirror.Coordinator.InFlight.All(d => d.Hash is not null));
        mirror.Swarm.Complete(name, contents[name]);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var served = Assert.IsType<MirrorResult.File>(await request);
        Assert.Equal("swarm", served.Source);
        served.Lease!.Dispose();
        await WaitUntilAsync(() => mirror.Coordinator.InFlight.Count == 0);
    }

    /// <summary>A request answered from the cache; the caller releases the lease (the response is over).</summary>
    public async Task<MirrorResult.File> HitAsync(string name)
    {
        var served = Assert.IsType<MirrorResult.File>(await mirror.Mirror.GetAsync(MirrorHarness.File(name), CancellationToken.None));
        Assert.Equal("cache", served.Source);
        Assert.NotNull(served.Lease);
        return served;
    }

    public async Task RequestAsync(string name) => (await HitAsync(name)).Lease!.Dispose();

    /// <summary>A verified package the repo database does not list, last requested at <paramref name="requested"/>.</summary>
    public async Task PlaceOrphanAsync(string name, DateTimeOffset requested)
    {
        var content = new byte[Size];
        new Random(7).NextBytes(content);
        var file = MirrorHarness.File(name);
        Directory.CreateDirectory(mirror.Layout.PackageDirectory(file));
        await File.WriteAllBytesAsync(mirror.Layout.PackagePath(file), content);
        Assert.True((await mirror.Store.VerifyAsync(file, RepoDatabaseBuilder.EntryFor(name, content), CancellationToken.None)).IsValid);
        Assert.True(mirror.Store.MarkRequested(file, requested));
    }

    public byte[] ContentOf(string name) => contents[name];

    /// <summary>The packages held (marker and file), by name.</summary>
    public string[] Cached() => [.. mirror.Store.EnumerateCached().Select(p => p.File.FileName).Order(StringComparer.Ordinal)];

    public bool AnyFileLeft(string name)
    {
        var file = MirrorHarness.File(name);
        return File.Exists(mirror.Layout.PackagePath(file)) || File.Exists(mirror.Layout.MarkerPath(file));
    }

    public DateTime MarkerTime(string name) => File.GetLastWriteTimeUtc(mirror.Layout.MarkerPath(MirrorHarness.File(name)));

    public static MirrorFile SignatureOf(string name) => MirrorHarness.File(name + ".sig");

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached within 5 s");
    }
}
