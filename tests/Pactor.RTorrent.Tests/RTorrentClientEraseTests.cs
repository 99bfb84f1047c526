using Microsoft.Extensions.Time.Testing;

namespace Pactor.RTorrent.Tests;

public sealed class RTorrentClientEraseTests : IDisposable
{
    private const string Hash = "EE65255A7A5997213D77E79D4629DC4887653D71";

    private readonly FakeTimeProvider clock = new();
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task EraseAsync_without_data_only_erases()
    {
        var fake = new FakeTransport(_ => 0L, clock);

        Assert.True(await fake.CreateClient().EraseAsync(Hash.ToLowerInvariant(), deleteData: false));

        Assert.Equal(["d.erase"], fake.Methods);
        Assert.Equal<object?>([Hash], fake.Calls[0].Call.Parameters);
    }

    [Fact]
    public async Task EraseAsync_of_an_unknown_hash_is_false()
    {
        var fake = new FakeTransport(_ => Fault.UnknownHash, clock);

        Assert.False(await fake.CreateClient().EraseAsync(Hash, deleteData: false));
        Assert.False(await fake.CreateClient().EraseAsync(Hash, deleteData: true));
    }

    [Fact]
    public async Task EraseAsync_with_data_deletes_the_file_after_erasing()
    {
        var directory = Directory.CreateDirectory(temp.Combine("core")).FullName;
        var file = Path.Combine(directory, "a.pkg");
        File.WriteAllText(file, "data");
        var neighbour = Path.Combine(directory, "b.pkg");
        File.WriteAllText(neighbour, "other");
        var fake = new FakeTransport(call => call.MethodName switch
        {
            "d.base_path" => file,
            "d.directory" => directory,
            "d.name" => "a.pkg",
            "d.is_multi_file" => 0L,
            _ => 0L,
        }, clock);

        Assert.True(await fake.CreateClient().EraseAsync(Hash, deleteData: true));

        Assert.Equal(["system.multicall", "d.erase"], fake.Methods);
        Assert.False(File.Exists(file));
        Assert.True(File.Exists(neighbour));
    }

    [Fact]
    public async Task EraseAsync_refuses_to_delete_a_path_outside_the_download_and_erases_nothing()
    {
        var outside = temp.Combine("precious");
        File.WriteAllText(outside, "keep");
        var fake = new FakeTransport(call => call.MethodName switch
        {
            "d.base_path" => outside,
            "d.directory" => temp.Combine("core"),
            "d.name" => "a.pkg",
            "d.is_multi_file" => 0L,
            _ => 0L,
        }, clock);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fake.CreateClient().EraseAsync(Hash, deleteData: true));

        Assert.Contains("refusing to delete the data of " + Hash, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("d.erase", fake.Methods);
        Assert.True(File.Exists(outside));
    }
}
