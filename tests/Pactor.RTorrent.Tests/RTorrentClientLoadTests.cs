using Microsoft.Extensions.Time.Testing;
using Pactor.XmlRpc;

namespace Pactor.RTorrent.Tests;

public sealed class RTorrentClientLoadTests : IDisposable
{
    private readonly FakeTimeProvider clock = new();
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task LoadAsync_of_invalid_bytes_fails_before_any_call()
    {
        var fake = new FakeTransport(_ => throw new InvalidOperationException("no call expected"), clock);
        var directory = temp.Combine("never-created");

        var error = await Assert.ThrowsAsync<TorrentLoadException>(() =>
            fake.CreateClient().LoadAsync("d4:spamX"u8.ToArray(), new TorrentLoadOptions { Directory = directory }));

        Assert.StartsWith("not a valid torrent: ", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(error.InnerException);
        Assert.Empty(fake.Calls);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task LoadAsync_sends_load_raw_once_polls_until_listed_then_sets_everything_with_typed_calls()
    {
        var torrent = await SampleTorrent.CreateAsync(temp.Combine("source"));
        var directory = temp.Combine("downloads", "core");
        var polls = 0;
        var fake = new FakeTransport(call => call.MethodName switch
        {
            "d.hash" => ++polls <= 4 ? Fault.UnknownHash : torrent.InfoHash,
            _ => 0L,
        }, clock);

        var hash = await clock.DriveAsync(fake.CreateClient().LoadAsync(
            torrent.Bytes, new TorrentLoadOptions { Directory = directory, Label = "core", Priority = DownloadPriority.High }));

        Assert.Equal(torrent.InfoHash, hash);
        Assert.True(Directory.Exists(directory));
        Assert.Equal(
            ["d.hash", "load.raw", "d.hash", "d.hash", "d.hash", "d.hash", "d.directory.set", "d.custom1.set", "d.priority.set", "d.start"],
            fake.Methods);
        var load = fake.Calls.Single(call => call.Call.MethodName == "load.raw").Call;
        Assert.Equal("", load.Parameters[0]);
        Assert.Equal(torrent.Bytes, XmlRpcValue.AsBytes(load.Parameters[1]));
        Assert.Equal(2, load.Parameters.Count);
        Assert.Equal<object?>([hash, directory], Parameters(fake, "d.directory.set"));
        Assert.Equal<object?>([hash, "core"], Parameters(fake, "d.custom1.set"));
        Assert.Equal<object?>([hash, 3L], Parameters(fake, "d.priority.set"));
        Assert.Equal<object?>([hash], Parameters(fake, "d.start"));
    }

    [Fact]
    public async Task LoadAsync_that_never_shows_up_is_a_load_failure_after_the_grace_period()
    {
        var torrent = await SampleTorrent.CreateAsync(temp.Combine("source"));
        var fake = new FakeTransport(call => call.MethodName == "d.hash" ? Fault.UnknownHash : 0L, clock);
        var started = clock.GetUtcNow();

        var error = await clock.DriveToFailureAsync<TorrentLoadException>(
            fake.CreateClient().LoadAsync(torrent.Bytes, new TorrentLoadOptions { Directory = temp.Combine("d") }));

        Assert.Equal(torrent.InfoHash, error.InfoHash);
        Assert.StartsWith($"rtorrent did not accept torrent {torrent.InfoHash}: it was not listed 2 s after load.raw", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Methods, method => method == "load.raw");
        Assert.DoesNotContain("d.directory.set", fake.Methods);
        Assert.InRange(clock.GetUtcNow() - started, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        Assert.InRange(fake.Methods.Count(method => method == "d.hash"), 5, 20);
    }

    [Fact]
    public async Task LoadAsync_of_an_already_loaded_hash_sends_no_load()
    {
        var torrent = await SampleTorrent.CreateAsync(temp.Combine("source"));
        var fake = new FakeTransport(call => call.MethodName == "d.hash" ? torrent.InfoHash : throw new InvalidOperationException(call.MethodName), clock);

        var hash = await fake.CreateClient().LoadAsync(torrent.Bytes, new TorrentLoadOptions { Directory = temp.Combine("d") });

        Assert.Equal(torrent.InfoHash, hash);
        Assert.Equal(["d.hash"], fake.Methods);
    }

    [Fact]
    public async Task LoadAsync_whose_reply_was_lost_is_not_resent_when_rtorrent_got_it()
    {
        var torrent = await SampleTorrent.CreateAsync(temp.Combine("source"));
        var loaded = false;
        var fake = new FakeTransport(call => call.MethodName switch
        {
            "d.hash" => loaded ? torrent.InfoHash : Fault.UnknownHash,
            "load.raw" => LoseReply(() => loaded = true),
            _ => 0L,
        }, clock);

        var hash = await clock.DriveAsync(fake.CreateClient().LoadAsync(torrent.Bytes, new TorrentLoadOptions { Directory = temp.Combine("d"), Start = false }));

        Assert.Equal(torrent.InfoHash, hash);
        Assert.Equal(["d.hash", "load.raw", "d.hash", "d.directory.set", "d.priority.set"], fake.Methods);
    }

    [Fact]
    public async Task LoadAsync_that_could_not_be_sent_is_reported_unreachable_and_not_resent()
    {
        var torrent = await SampleTorrent.CreateAsync(temp.Combine("source"));
        var fake = new FakeTransport(call => call.MethodName switch
        {
            "d.hash" => Fault.UnknownHash,
            _ => throw new RTorrentUnreachableException("scgi://127.0.0.1:5000", "connection reset"),
        }, clock);

        await clock.DriveToFailureAsync<RTorrentUnreachableException>(
            fake.CreateClient().LoadAsync(torrent.Bytes, new TorrentLoadOptions { Directory = temp.Combine("d") }));

        Assert.Single(fake.Methods, method => method == "load.raw");
    }

    [Fact]
    public async Task LoadAsync_refuses_a_relative_directory_and_a_priority_out_of_range()
    {
        var torrent = await SampleTorrent.CreateAsync(temp.Combine("source"));
        var fake = new FakeTransport(_ => throw new InvalidOperationException("no call expected"), clock);
        var client = fake.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.LoadAsync(torrent.Bytes, new TorrentLoadOptions { Directory = "downloads" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            client.LoadAsync(torrent.Bytes, new TorrentLoadOptions { Directory = temp.Path, Priority = (DownloadPriority)4 }));
        Assert.Empty(fake.Calls);
    }

    /// <summary>rtorrent took the load but the reply never arrived.</summary>
    private static object LoseReply(Action accepted)
    {
        accepted();
        throw new RTorrentUnreachableException("scgi://127.0.0.1:5000", "connection reset");
    }

    private static IReadOnlyList<object?> Parameters(FakeTransport fake, string method) =>
        fake.Calls.Single(call => call.Call.MethodName == method).Call.Parameters;
}
