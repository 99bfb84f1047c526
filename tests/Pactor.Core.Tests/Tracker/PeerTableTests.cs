using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

public sealed class PeerTableTests
{
    private static readonly byte[] Hash = AnnounceQuery.Hash(7);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_peer_never_gets_itself_and_the_next_one_gets_it()
    {
        var table = Table();

        var first = table.Announce(Request(port: 1000), Address(1));
        var second = table.Announce(Request(port: 2000), Address(2));

        Assert.Empty(first.Peers);
        Assert.Equal(new SwarmCounts(0, 1, 0), first.Counts);
        var peer = Assert.Single(second.Peers);
        Assert.Equal(new IPEndPoint(Address(1), 1000), peer.Endpoint);
        Assert.Equal(AnnounceQuery.PeerId(1000), peer.PeerId);
        Assert.Equal(new SwarmCounts(0, 2, 0), second.Counts);
    }

    [Fact]
    public void Peers_are_keyed_by_address_and_port_and_a_re_announce_replaces_the_entry()
    {
        var table = Table();
        table.Announce(Request(port: 1000), Address(1));
        table.Announce(Request(port: 1001), Address(1));

        var again = table.Announce(Request(port: 1000, left: 0, peerId: 99), Address(1));

        Assert.Equal(2, table.PeerCount);
        Assert.Equal(new SwarmCounts(1, 1, 0), again.Counts);
    }

    [Fact]
    public void An_IPv4_mapped_IPv6_address_is_listed_as_IPv4()
    {
        var table = Table();
        table.Announce(Request(port: 1000), IPAddress.Parse("::ffff:10.9.8.7"));

        var peer = Assert.Single(table.Announce(Request(port: 2000), Address(2)).Peers);

        Assert.Equal(IPAddress.Parse("10.9.8.7"), peer.Endpoint.Address);
    }

    [Fact]
    public void A_peer_that_stops_announcing_expires_after_the_peer_timeout()
    {
        var options = new TrackerOptions();
        var table = Table(options);
        table.Announce(Request(port: 1000), Address(1));

        time.Advance(options.PeerTimeout - TimeSpan.FromSeconds(1));
        var stillThere = table.Announce(Request(port: 2000), Address(2));
        time.Advance(TimeSpan.FromSeconds(2));
        var gone = table.Announce(Request(port: 3000), Address(3));

        Assert.Single(stillThere.Peers);
        Assert.Equal(new IPEndPoint(Address(2), 2000), Assert.Single(gone.Peers).Endpoint);
        Assert.Equal(new SwarmCounts(0, 2, 0), gone.Counts);
        Assert.Equal(2, table.PeerCount);
    }

    [Theory]
    [InlineData(30, 600)] // rtorrent 0.9.8: told 30 s, it re-announces every 600 s (its floor)
    [InlineData(5, 600)]
    [InlineData(1800, 1800)] // the default: rtorrent follows it
    [InlineData(1800, 2700)] // a client on its own 45 min schedule
    [InlineData(3600, 3600)] // the longest interval pactor asks for
    public void A_seeder_re_announcing_on_its_own_schedule_stays_listed_for_hours(int trackerIntervalSeconds, int clientIntervalSeconds)
    {
        var options = new TrackerOptions { Interval = TimeSpan.FromSeconds(trackerIntervalSeconds) };
        var table = Table(options);
        var seeder = new IPEndPoint(Address(1), 1000);
        var clientInterval = TimeSpan.FromSeconds(clientIntervalSeconds);

        // Six hours; a new leecher arrives just before each of the seeder's announces, the longest it waits.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(6); elapsed += clientInterval)
        {
            table.Announce(Request(port: seeder.Port, left: 0), seeder.Address);
            time.Advance(clientInterval - TimeSpan.FromSeconds(1));
            var leecher = table.Announce(Request(port: 2000, left: 10), Address(2));
            Assert.Equal(seeder, Assert.Single(leecher.Peers).Endpoint);
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void One_missed_announce_of_a_client_on_a_45_minute_schedule_does_not_drop_it_but_silence_does()
    {
        var options = new TrackerOptions();
        var table = Table(options);
        table.Announce(Request(port: 1000, left: 0), Address(1));

        time.Advance(TimeSpan.FromMinutes(45) + TrackerOptions.AnnounceSlack - TimeSpan.FromSeconds(1));
        var late = table.Scrape(Convert.ToHexString(Hash));
        time.Advance(options.PeerTimeout);
        var silent = table.Scrape(Convert.ToHexString(Hash));

        Assert.Equal(new SwarmCounts(1, 0, 0), late);
        Assert.Equal(default, silent);
    }

    [Fact]
    public void Re_announcing_keeps_a_peer_alive()
    {
        var options = new TrackerOptions();
        var table = Table(options);
        for (var i = 0; i < 5; i++)
        {
            table.Announce(Request(port: 1000), Address(1));
            time.Advance(options.Interval);
        }

        Assert.Single(table.Announce(Request(port: 2000), Address(2)).Peers);
    }

    [Fact]
    public void Torrents_nobody_announces_to_any_more_are_swept_from_the_table()
    {
        var options = new TrackerOptions();
        var table = Table(options);
        for (byte i = 0; i < 10; i++)
        {
            table.Announce(Request(hash: AnnounceQuery.Hash(i)), Address(1));
        }

        time.Advance(options.PeerTimeout + options.Interval);
        table.Announce(Request(hash: AnnounceQuery.Hash(200)), Address(1));

        Assert.Equal(1, table.TorrentCount);
        Assert.Equal(1, table.PeerCount);
    }

    [Fact]
    public void Numwant_is_capped_and_defaults_to_fifty()
    {
        var table = Table(new TrackerOptions { DefaultNumWant = 50, MaxNumWant = 200 });
        for (var port = 1; port <= 300; port++)
        {
            table.Announce(Request(port: port), Address(1));
        }

        Assert.Equal(200, table.Announce(Request(port: 5000, numWant: 100_000), Address(2)).Peers.Count);
        Assert.Equal(50, table.Announce(Request(port: 5000), Address(2)).Peers.Count);
        Assert.Equal(7, table.Announce(Request(port: 5000, numWant: 7), Address(2)).Peers.Count);
        Assert.Empty(table.Announce(Request(port: 5000, numWant: 0), Address(2)).Peers);
        var all = table.Announce(Request(port: 5000, numWant: 200), Address(2)).Peers;
        Assert.Equal(200, all.Select(p => p.Endpoint).Distinct().Count());
        Assert.DoesNotContain(new IPEndPoint(Address(2), 5000), all.Select(p => p.Endpoint));
    }

    [Fact]
    public void Stopped_removes_the_peer_and_returns_no_peers()
    {
        var table = Table();
        table.Announce(Request(port: 1000), Address(1));
        table.Announce(Request(port: 2000), Address(2));

        var stopped = table.Announce(Request(port: 1000, announceEvent: AnnounceEvent.Stopped), Address(1));

        Assert.Empty(stopped.Peers);
        Assert.Equal(new SwarmCounts(0, 1, 0), stopped.Counts);
        Assert.Empty(table.Announce(Request(port: 2000), Address(2)).Peers);
        Assert.Equal(1, table.PeerCount);
    }

    [Fact]
    public void When_the_last_peer_stops_the_torrent_is_forgotten()
    {
        var table = Table();
        table.Announce(Request(port: 1000), Address(1));

        table.Announce(Request(port: 1000, announceEvent: AnnounceEvent.Stopped), Address(1));

        Assert.Equal(0, table.TorrentCount);
        Assert.Equal(0, table.PeerCount);
        Assert.Equal(default, table.Scrape(Convert.ToHexString(Hash)));
    }

    [Fact]
    public void A_stop_from_another_address_removes_nothing()
    {
        var table = Table();
        table.Announce(Request(port: 1000), Address(1));

        table.Announce(Request(port: 1000, announceEvent: AnnounceEvent.Stopped), Address(66));

        Assert.Single(table.Announce(Request(port: 2000), Address(2)).Peers);
    }

    [Fact]
    public void A_seeder_gets_only_leechers_and_a_leecher_only_seeders()
    {
        var table = Table();
        table.Announce(Request(port: 1, left: 0), Address(1));
        table.Announce(Request(port: 2, left: 10), Address(2));

        var seeder = table.Announce(Request(port: 3, left: 0), Address(3));
        var leecher = table.Announce(Request(port: 4, left: 10), Address(4));

        Assert.Equal([new IPEndPoint(Address(2), 2)], seeder.Peers.Select(p => p.Endpoint));
        Assert.Equal([new IPEndPoint(Address(1), 1), new IPEndPoint(Address(3), 3)], leecher.Peers.Select(p => p.Endpoint).OrderBy(e => e.Port));
        Assert.Equal(new SwarmCounts(2, 2, 0), leecher.Counts);
    }

    [Fact]
    public void Leechers_get_each_other_while_there_is_no_seeder_and_a_completed_one_then_gets_them_all()
    {
        var table = Table();
        table.Announce(Request(port: 1, left: 10), Address(1));
        table.Announce(Request(port: 2, left: 10), Address(2));

        var third = table.Announce(Request(port: 3, left: 10), Address(3));
        var completed = table.Announce(Request(port: 1, left: 0, announceEvent: AnnounceEvent.Completed), Address(1));
        var fourth = table.Announce(Request(port: 4, left: 10), Address(4));

        Assert.Equal(2, third.Peers.Count);
        Assert.Equal([2, 3], completed.Peers.Select(p => p.Endpoint.Port).Order());
        Assert.Equal(new IPEndPoint(Address(1), 1), Assert.Single(fourth.Peers).Endpoint);
    }

    [Fact]
    public void Completed_counts_a_download_once_per_peer()
    {
        var table = Table();
        table.Announce(Request(port: 1, left: 10, announceEvent: AnnounceEvent.Started), Address(1));

        table.Announce(Request(port: 1, left: 0, announceEvent: AnnounceEvent.Completed), Address(1));
        table.Announce(Request(port: 1, left: 0, announceEvent: AnnounceEvent.Completed), Address(1));
        table.Announce(Request(port: 2, left: 0, announceEvent: AnnounceEvent.Completed), Address(2));

        Assert.Equal(new SwarmCounts(2, 0, 2), table.Scrape(Convert.ToHexString(Hash)));
    }

    [Fact]
    public void Scrape_drops_expired_peers_from_the_counts()
    {
        var options = new TrackerOptions();
        var table = Table(options);
        table.Announce(Request(port: 1, left: 0), Address(1));
        time.Advance(options.PeerTimeout / 2);
        table.Announce(Request(port: 2, left: 5), Address(2));
        time.Advance((options.PeerTimeout / 2) + TimeSpan.FromSeconds(1));

        Assert.Equal(new SwarmCounts(0, 1, 0), table.Scrape(Convert.ToHexString(Hash)));
    }

    [Fact]
    public void Past_the_torrent_cap_a_new_torrent_is_refused_until_old_ones_expire()
    {
        var options = new TrackerOptions { MaxTorrents = 3 };
        var table = Table(options);
        for (byte i = 0; i < 3; i++)
        {
            table.Announce(Request(hash: AnnounceQuery.Hash(i)), Address(1));
        }

        var e = Assert.Throws<TrackerRequestException>(() => table.Announce(Request(hash: AnnounceQuery.Hash(9)), Address(1)));
        table.Announce(Request(hash: AnnounceQuery.Hash(0), port: 2), Address(2));
        time.Advance(options.PeerTimeout + TimeSpan.FromSeconds(1));
        table.Announce(Request(hash: AnnounceQuery.Hash(9)), Address(1));

        Assert.Equal("tracker full, try again later", e.Message);
        Assert.Equal(1, table.TorrentCount);
    }

    [Fact]
    public void Past_the_peer_caps_a_new_peer_is_refused_but_known_peers_still_announce()
    {
        var table = Table(new TrackerOptions { MaxPeersPerTorrent = 2, MaxPeers = 3 });
        table.Announce(Request(port: 1), Address(1));
        table.Announce(Request(port: 2), Address(1));
        table.Announce(Request(hash: AnnounceQuery.Hash(1), port: 3), Address(1));

        Assert.Throws<TrackerRequestException>(() => table.Announce(Request(port: 4), Address(1)));
        Assert.Throws<TrackerRequestException>(() => table.Announce(Request(hash: AnnounceQuery.Hash(2), port: 5), Address(1)));
        Assert.Single(table.Announce(Request(port: 1), Address(1)).Peers);
        Assert.Equal(3, table.PeerCount);
    }

    [Fact]
    public void A_flood_of_random_info_hashes_and_ports_stays_within_the_caps()
    {
        var table = Table(new TrackerOptions { MaxTorrents = 100, MaxPeers = 150, MaxPeersPerTorrent = 10 });
        var random = new Random(5);
        var refused = 0;

        for (var i = 0; i < 20_000; i++)
        {
            var hash = new byte[20];
            random.NextBytes(hash);
            try
            {
                table.Announce(Request(hash: i % 2 == 0 ? hash : Hash, port: random.Next(1, 65536)), Address(random.Next(1, 250)));
            }
            catch (TrackerRequestException)
            {
                refused++;
            }

            Assert.True(table.TorrentCount <= 100 && table.PeerCount <= 150, $"{table.TorrentCount} torrents, {table.PeerCount} peers after {i + 1}");
        }

        // 99 made-up torrents with one peer each, and the real one full at 10 peers.
        Assert.True(refused > 19_000, $"{refused} refused");
        Assert.Equal(100, table.TorrentCount);
        Assert.Equal(109, table.PeerCount);
    }

    private PeerTable Table(TrackerOptions? options = null) => new(options ?? new TrackerOptions(), time, new Random(1));

    private static IPAddress Address(int n) => new([10, 0, 0, (byte)n]);

    private static AnnounceRequest Request(
        byte[]? hash = null, int port = 6881, long left = 100, AnnounceEvent announceEvent = AnnounceEvent.None, int? numWant = null, int? peerId = null) =>
        new(hash ?? Hash, AnnounceQuery.PeerId(peerId ?? port), port, 0, 0, left, announceEvent, Compact: true, NoPeerId: false, numWant);
}
