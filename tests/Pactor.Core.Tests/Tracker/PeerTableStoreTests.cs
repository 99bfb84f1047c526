using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Tests.Support;
using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

/// <summary>The peer table across a restart: what one process saved, the next one answers with.</summary>
public sealed class PeerTableStoreTests : IDisposable
{
    private static readonly byte[] Hash = AnnounceQuery.Hash(3);
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));

    private TrackerOptions Options => new() { StateFile = Path.Combine(temp.Path, "tracker", "peers.bencode") };

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_restarted_tracker_hands_out_the_seeder_the_last_one_knew_at_once()
    {
        var (before, beforeStore) = Tracker();
        await beforeStore.LoadAsync(CancellationToken.None);
        before.Announce(Request(port: 6881, left: 0, AnnounceEvent.Completed), Address(1));
        Assert.True(await beforeStore.SaveAsync(CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(3));
        var (after, afterStore) = Tracker();
        await afterStore.LoadAsync(CancellationToken.None);
        var answer = after.Announce(Request(port: 7000, left: 10, AnnounceEvent.Started), Address(2));

        Assert.Equal(new IPEndPoint(Address(1), 6881), Assert.Single(answer.Peers).Endpoint);
        Assert.Equal(new SwarmCounts(1, 1, 1), answer.Counts);
    }

    [Fact]
    public async Task Peers_that_expired_while_the_tracker_was_down_are_not_restored()
    {
        var (before, beforeStore) = Tracker();
        before.Announce(Request(port: 6881, left: 0), Address(1));
        time.Advance(TimeSpan.FromMinutes(30));
        before.Announce(Request(port: 6882, left: 0), Address(2));
        await beforeStore.SaveAsync(CancellationToken.None);

        time.Advance(Options.PeerTimeout - TimeSpan.FromMinutes(10));
        var (after, afterStore) = Tracker();
        await afterStore.LoadAsync(CancellationToken.None);

        var answer = after.Announce(Request(port: 7000, left: 10), Address(3));
        Assert.Equal(new IPEndPoint(Address(2), 6882), Assert.Single(answer.Peers).Endpoint);
    }

    [Fact]
    public async Task A_stopped_peer_stays_gone_after_a_restart()
    {
        var (before, beforeStore) = Tracker();
        before.Announce(Request(port: 6881, left: 0), Address(1));
        await beforeStore.SaveAsync(CancellationToken.None);
        before.Announce(Request(port: 6881, left: 0, AnnounceEvent.Stopped), Address(1));
        await beforeStore.SaveAsync(CancellationToken.None);

        var (after, afterStore) = Tracker();
        await afterStore.LoadAsync(CancellationToken.None);

        Assert.Empty(after.Announce(Request(port: 7000, left: 10), Address(2)).Peers);
    }

    [Fact]
    public async Task An_unchanged_table_is_not_written_again()
    {
        var (table, store) = Tracker();
        await store.LoadAsync(CancellationToken.None);
        table.Announce(Request(port: 6881, left: 0), Address(1));

        var first = await store.SaveAsync(CancellationToken.None);
        var again = await store.SaveAsync(CancellationToken.None);
        table.Announce(Request(port: 6881, left: 0), Address(1));
        var afterAnnounce = await store.SaveAsync(CancellationToken.None);

        Assert.Equal((true, false, true), (first, again, afterAnnounce));
    }

    [Fact]
    public async Task The_run_loop_saves_every_interval_while_the_table_changes_and_stops_when_cancelled()
    {
        var (table, store) = Tracker();
        using var stop = new CancellationTokenSource();
        var run = store.RunAsync(stop.Token);
        table.Announce(Request(port: 6881, left: 0), Address(1));

        await AdvanceUntilAsync(() => File.Exists(Options.StateFile));
        stop.Cancel();
        await run;

        var (restored, restoredStore) = Tracker();
        await restoredStore.LoadAsync(CancellationToken.None);
        Assert.Single(restored.Announce(Request(port: 7000, left: 10), Address(2)).Peers);
    }

    [Fact]
    public async Task A_corrupt_file_starts_an_empty_table_and_is_replaced_by_the_next_save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Options.StateFile)!);
        await File.WriteAllTextAsync(Options.StateFile!, "d6:format12:pactor-peers8:torrentsd3:");
        var (table, store) = Tracker();

        await store.LoadAsync(CancellationToken.None);
        table.Announce(Request(port: 6881, left: 0), Address(1));
        await store.SaveAsync(CancellationToken.None);

        Assert.Equal(1, table.PeerCount);
        var (restored, restoredStore) = Tracker();
        await restoredStore.LoadAsync(CancellationToken.None);
        Assert.Equal(1, restored.PeerCount);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_written_is_reported_and_the_tracker_goes_on_in_memory()
    {
        // A file where the folder should be: every write fails the way a full or read-only disk does.
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "tracker"), "in the way");
        var (table, store) = Tracker();

        await store.LoadAsync(CancellationToken.None);
        table.Announce(Request(port: 6881, left: 0), Address(1));
        var saved = await store.SaveAsync(CancellationToken.None);

        Assert.False(saved);
        Assert.Single(table.Announce(Request(port: 7000, left: 10), Address(2)).Peers);
    }

    [Fact]
    public async Task Saved_peers_beyond_the_caps_are_left_out_and_a_time_ahead_of_the_clock_counts_as_now()
    {
        var (before, beforeStore) = Tracker();
        for (var port = 1; port <= 5; port++)
        {
            before.Announce(Request(port: port, left: 0), Address(1));
        }

        await beforeStore.SaveAsync(CancellationToken.None);

        // The next start's clock is a day behind the saved times.
        var behind = new FakeTimeProvider(time.GetUtcNow() - TimeSpan.FromDays(1));
        var options = new TrackerOptions { StateFile = Options.StateFile, MaxPeersPerTorrent = 3 };
        var table = new PeerTable(options, behind, new Random(1));
        await new PeerTableStore(table, options, behind, NullLogger<PeerTableStore>.Instance).LoadAsync(CancellationToken.None);
        var restored = table.PeerCount;
        behind.Advance(options.PeerTimeout + TimeSpan.FromSeconds(1));

        Assert.Equal(3, restored);
        Assert.Equal(default, table.Scrape(Convert.ToHexString(Hash)));
    }

    private (PeerTable Table, PeerTableStore Store) Tracker()
    {
        var table = new PeerTable(Options, time, new Random(1));
        return (table, new PeerTableStore(table, Options, time, NullLogger<PeerTableStore>.Instance));
    }

    // The loop saves on a background continuation of the fake clock's timer; the file write itself is real I/O.
    private async Task AdvanceUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        Assert.True(done());
    }

    private static IPAddress Address(int n) => new([10, 0, 0, (byte)n]);

    private static AnnounceRequest Request(int port, long left, AnnounceEvent announceEvent = AnnounceEvent.None) =>
        new(Hash, AnnounceQuery.PeerId(port), port, 0, 0, left, announceEvent, Compact: true, NoPeerId: false, null);
}
