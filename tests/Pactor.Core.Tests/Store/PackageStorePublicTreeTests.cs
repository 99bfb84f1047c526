using Pactor.Core.Database;
using Pactor.Core.Paths;
using Pactor.Core.Store;
using Pactor.Core.Tests.Support;

namespace Pactor.Core.Tests.Store;

/// <summary>
/// <see cref="PackageStore"/> keeps its public tree in step with its markers: a package is linked exactly while
/// pactor itself would answer it from its cache.
/// </summary>
public sealed class PackageStorePublicTreeTests : IDisposable
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";
    private const string Curl = "curl-8.0-1-x86_64.pkg.tar.zst";
    private readonly TempDirectory temp = new();
    private readonly CacheLayout layout;
    private readonly PackageStore store;

    public PackageStorePublicTreeTests()
    {
        layout = new CacheLayout(temp.Path);
        layout.Create();
        store = new PackageStore(layout);
    }

    [Fact]
    public async Task A_package_that_passes_verification_is_linked_into_the_public_tree()
    {
        var (file, entry, content) = await PlaceAsync(Zlib, seed: 1);

        var result = await store.VerifyAsync(file, entry, CancellationToken.None);

        Assert.True(result.IsValid);
        Assert.True(store.Public.IsPublished(file));
        Assert.Equal(content, await File.ReadAllBytesAsync(layout.PublicPath(file)));
    }

    [Fact]
    public async Task A_package_that_fails_verification_is_not_linked()
    {
        var (file, _, content) = await PlaceAsync(Zlib, seed: 2);
        var other = (byte[])content.Clone();
        other[0] ^= 0xff;

        var result = await store.VerifyAsync(file, RepoDatabaseBuilder.EntryFor(Zlib, other), CancellationToken.None);

        Assert.False(result.IsValid);
        Assert.False(store.Public.IsPublished(file));
        Assert.False(File.Exists(layout.PublicPath(file)));
    }

    [Fact]
    public async Task Remove_withdraws_the_link_with_the_package()
    {
        var (file, _, _) = await VerifiedAsync(Zlib, seed: 3);

        store.Remove(file);

        Assert.False(store.Public.IsPublished(file));
        Assert.False(File.Exists(layout.PackagePath(file)));
        Assert.False(File.Exists(layout.MarkerPath(file)));
    }

    [Fact]
    public async Task Remove_withdraws_the_link_before_it_deletes_anything()
    {
        var (file, entry, _) = await VerifiedAsync(Zlib, seed: 4);
        // Something the link cannot be removed as: the removal must stop before the marker and the bytes go,
        // or a web server could go on sending a package pactor no longer holds.
        File.Delete(layout.PublicPath(file));
        Directory.CreateDirectory(Path.Combine(layout.PublicPath(file), "blocker"));

        Assert.Throws<UnauthorizedAccessException>(() => store.Remove(file));

        Assert.True(File.Exists(layout.MarkerPath(file)));
        Assert.NotNull(store.FindVerified(file, entry));
    }

    [Fact]
    public async Task A_package_changed_on_disk_loses_its_link_when_it_is_next_looked_up()
    {
        var (file, entry, _) = await VerifiedAsync(Zlib, seed: 5);
        File.SetLastWriteTimeUtc(layout.PackagePath(file), File.GetLastWriteTimeUtc(layout.PackagePath(file)).AddMinutes(1));

        Assert.Null(store.FindVerified(file, entry));
        Assert.False(store.Public.IsPublished(file));
    }

    [Fact]
    public async Task A_lookup_with_another_database_entry_withdraws_the_link()
    {
        var (file, entry, _) = await VerifiedAsync(Zlib, seed: 6);

        Assert.Null(store.FindVerified(file, entry with { Sha256 = new string('0', 64) }));
        Assert.False(store.Public.IsPublished(file));
        Assert.True(File.Exists(layout.PackagePath(file)));
    }

    [Fact]
    public async Task A_matching_lookup_keeps_the_link()
    {
        var (file, entry, _) = await VerifiedAsync(Zlib, seed: 7);

        Assert.NotNull(store.FindVerified(file, entry));
        Assert.True(store.Public.IsPublished(file));
    }

    [Fact]
    public async Task SyncPublic_withdraws_a_package_whose_entry_has_another_checksum_and_relinks_a_lost_one()
    {
        var (zlib, zlibEntry, _) = await VerifiedAsync(Zlib, seed: 8);
        var (curl, curlEntry, _) = await VerifiedAsync(Curl, seed: 9);
        store.Public.Withdraw(curl);
        var entries = new Dictionary<MirrorFile, PackageEntry>
        {
            [zlib] = zlibEntry with { Sha256 = new string('a', 64) },
            [curl] = curlEntry,
        };

        var (withdrawn, published) = store.SyncPublic(file => entries.GetValueOrDefault(file));

        Assert.Equal((1, 1), (withdrawn, published));
        Assert.False(store.Public.IsPublished(zlib));
        Assert.True(store.Public.IsPublished(curl));
    }

    [Fact]
    public async Task SyncPublic_withdraws_a_package_the_database_no_longer_lists()
    {
        var (file, _, _) = await VerifiedAsync(Zlib, seed: 10);

        var (withdrawn, published) = store.SyncPublic(_ => null);

        Assert.Equal((1, 0), (withdrawn, published));
        Assert.False(store.Public.IsPublished(file));
    }

    private async Task<(MirrorFile File, PackageEntry Entry, byte[] Content)> VerifiedAsync(string name, int seed)
    {
        var placed = await PlaceAsync(name, seed);
        Assert.True((await store.VerifyAsync(placed.File, placed.Entry, CancellationToken.None)).IsValid);
        Assert.True(store.Public.IsPublished(placed.File));
        return placed;
    }

    private async Task<(MirrorFile File, PackageEntry Entry, byte[] Content)> PlaceAsync(string name, int seed)
    {
        var content = new byte[2000];
        new Random(seed).NextBytes(content);
        var file = MirrorHarness.File(name);
        Directory.CreateDirectory(layout.PackageDirectory(file));
        await File.WriteAllBytesAsync(layout.PackagePath(file), content);
        return (file, RepoDatabaseBuilder.EntryFor(name, content), content);
    }

    public void Dispose() => temp.Dispose();
}
