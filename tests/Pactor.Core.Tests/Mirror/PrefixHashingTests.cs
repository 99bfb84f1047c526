using Pactor.Core.Mirror;
using Pactor.Core.Store;
using Pactor.Core.Swarm;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Mirror;

/// <summary>
/// While a download runs the poller hashes the pieces the client has checked, in the background; at completion
/// verification hashes only the rest. The prefix hash goes with the download, however it ends.
/// </summary>
public sealed class PrefixHashingTests : IDisposable
{
    private const string Name = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private const int Size = 1_000_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly MirrorHarness mirror = new();
    private readonly RecordingFileReader reader = new();

    public void Dispose() => mirror.Dispose();

    [Fact]
    public async Task The_tick_starts_hashing_checked_pieces_without_waiting_and_verification_hashes_only_the_tail()
    {
        var content = await mirror.PublishAsync(Name, Size, seed: 1);
        await mirror.SyncDatabaseAsync();
        var request = mirror.Mirror.GetAsync(MirrorHarness.File(Name), CancellationToken.None);
        var download = await LoadedAsync();
        var prefix = download.GetOrCreatePrefix(() => new PrefixHasher(mirror.Store.PathOf(download.File), reader.ReadAsync))!;
        reader.Hold();

        // The hashing cannot finish while the reads are held: a tick that waited for it would time out here.
        mirror.Swarm.Deliver(Name, content, 300_000);
        await mirror.Poller.PollOnceAsync(CancellationToken.None).WaitAsync(Patience);
        await PackageServiceTests.WaitUntilAsync(() => reader.Started == 1);
        mirror.Swarm.Deliver(Name, content, 600_000);
        await mirror.Poller.PollOnceAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(0, prefix.HashedBytes);

        reader.Release();
        await PackageServiceTests.WaitUntilAsync(() => prefix.HashedBytes == 300_000);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => prefix.HashedBytes == 600_000);
        var beforeCompletion = reader.Reads.Count;

        mirror.Swarm.Complete(Name, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var served = Assert.IsType<MirrorResult.File>(await request);

        Assert.Equal("swarm", served.Source);
        Assert.Equal(content, await File.ReadAllBytesAsync(served.Path));
        var tail = reader.Reads.Skip(beforeCompletion).ToList();
        Assert.All(tail, read => Assert.True(read.Offset >= 600_000, $"read at {read.Offset}"));
        Assert.Equal(Size - 600_000, tail.Sum(read => read.Length));
        Assert.True(prefix.IsDisposed);
    }

    [Fact]
    public async Task The_poller_makes_the_prefix_hash_of_the_package_file_itself()
    {
        var content = await mirror.PublishAsync(Name, Size, seed: 2);
        await mirror.SyncDatabaseAsync();
        var download = mirror.Coordinator.GetOrStart(MirrorHarness.File(Name), mirror.Databases.Find(MirrorHarness.File(Name))!);
        await LoadedAsync();
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        Assert.Null(download.Prefix);

        mirror.Swarm.Deliver(Name, content, 400_000);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => download.Prefix is { HashedBytes: 400_000 });
        mirror.Swarm.Complete(Name, content);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var outcome = await download.Completion.WaitAsync(Patience);

        Assert.True(outcome.Succeeded);
        Assert.Equal(mirror.Store.PathOf(download.File), download.Prefix!.Path);
        Assert.Equal(Size, download.Prefix.HashedBytes);
        Assert.True(download.Prefix.IsDisposed);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("lost")]
    [InlineData("unavailable")]
    public async Task A_download_that_ends_without_a_verified_file_disposes_its_prefix_hash(string ending)
    {
        var content = await mirror.PublishAsync(Name, Size, seed: 3);
        await mirror.SyncDatabaseAsync();
        var download = mirror.Coordinator.GetOrStart(MirrorHarness.File(Name), mirror.Databases.Find(MirrorHarness.File(Name))!);
        await LoadedAsync();
        mirror.Swarm.Deliver(Name, content, 300_000);
        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        await PackageServiceTests.WaitUntilAsync(() => download.Prefix is { HashedBytes: 300_000 });
        var prefix = download.Prefix!;

        switch (ending)
        {
            case "tampered":
                // Bytes after the prefix do not match: verification fails, the download is erased with its data.
                var tampered = content.ToArray();
                tampered[700_000] ^= 0xff;
                mirror.Swarm.Complete(Name, tampered);
                break;
            case "lost":
                await mirror.Swarm.EraseAsync(download.Hash!, deleteData: false, CancellationToken.None);
                break;
            default:
                mirror.Swarm.Unavailable = true;
                break;
        }

        await mirror.Poller.PollOnceAsync(CancellationToken.None);
        var outcome = await download.Completion.WaitAsync(Patience);

        Assert.False(outcome.Succeeded);
        Assert.True(prefix.IsDisposed);
        Assert.Null(download.GetOrCreatePrefix(() => throw new InvalidOperationException("a hasher made after the end")));
        if (ending == "tampered")
        {
            Assert.Equal([download.Hash!], mirror.Swarm.Erased);
            Assert.False(File.Exists(mirror.Store.PathOf(download.File)));
        }
    }

    private async Task<SwarmDownload> LoadedAsync()
    {
        await PackageServiceTests.WaitUntilAsync(() => mirror.Swarm.Loads == 1 && mirror.Coordinator.InFlight.All(d => d.Hash is not null));
        return Assert.Single(mirror.Coordinator.InFlight);
    }
}
