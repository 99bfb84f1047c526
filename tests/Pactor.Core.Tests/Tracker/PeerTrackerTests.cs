using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pactor.Core.Tests.Support;
using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

/// <summary>Raw query string in, bencoded bytes out: what the host's /announce and /scrape pass through.</summary>
public sealed class PeerTrackerTests : IDisposable
{
    private static readonly byte[] Hash = AnnounceQuery.Hash(0);
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Two_peers_find_each_other_in_compact_form()
    {
        var tracker = Tracker();
        tracker.Announce(AnnounceQuery.For(Hash, port: 6881, left: 0, eventName: "started"), IPAddress.Parse("127.77.60.2"));

        var body = tracker.Announce(AnnounceQuery.For(Hash, AnnounceQuery.PeerId(2), port: 6882, eventName: "started"), IPAddress.Parse("127.77.60.3"));

        byte[] expected =
        [
            .. Encoding.ASCII.GetBytes("d8:completei1e10:incompletei1e8:intervali1800e12:min intervali300e5:peers6:"),
            127, 77, 60, 2, 0x1A, 0xE1, (byte)'e',
        ];
        Assert.Equal(expected, body);
    }

    [Fact]
    public void The_ip_parameter_is_ignored_the_connection_address_is_listed()
    {
        var tracker = Tracker();
        tracker.Announce(AnnounceQuery.For(Hash, port: 6881, extra: "&ip=203.0.113.9"), IPAddress.Parse("127.77.60.2"));

        var body = tracker.Announce(AnnounceQuery.For(Hash, AnnounceQuery.PeerId(2), port: 6882, extra: "&compact=0&no_peer_id=1"), IPAddress.Parse("127.77.60.3"));

        Assert.Contains("d2:ip11:127.77.60.24:porti6881ee", Encoding.Latin1.GetString(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?info_hash=%00&peer_id=x", "info_hash must be 20 bytes, not 1")]
    [InlineData("?bad=%zz", "malformed query string: bad %-escape")]
    [InlineData("", "missing info_hash")]
    public void A_bad_announce_is_answered_with_a_failure_reason(string query, string reason)
    {
        var body = Tracker().Announce(query, IPAddress.Loopback);

        Assert.Equal($"d14:failure reason{reason.Length}:{reason}e", Encoding.Latin1.GetString(body));
    }

    [Fact]
    public void An_announce_without_a_connection_address_is_refused()
    {
        Assert.Equal("d14:failure reason15:no peer addresse", Encoding.Latin1.GetString(Tracker().Announce(AnnounceQuery.For(Hash), null)));
    }

    [Fact]
    public void With_a_whitelist_only_published_hashes_are_tracked_and_scraped()
    {
        var published = AnnounceQuery.Hash(1);
        var list = Path.Combine(temp.Path, "whitelist.txt");
        File.WriteAllText(list, Convert.ToHexString(published).ToLowerInvariant() + "\n");
        var tracker = Tracker(list);

        var refused = tracker.Announce(AnnounceQuery.For(Hash), IPAddress.Loopback);
        var accepted = tracker.Announce(AnnounceQuery.For(published), IPAddress.Loopback);
        var scrape = tracker.Scrape($"info_hash={AnnounceQuery.Escape(Hash)}&info_hash={AnnounceQuery.Escape(published)}");

        Assert.Equal("d14:failure reason51:unregistered torrent: not published by this trackere", Encoding.Latin1.GetString(refused));
        Assert.StartsWith("d8:completei0e10:incompletei1e", Encoding.Latin1.GetString(accepted), StringComparison.Ordinal);
        Assert.Equal(
            $"d5:filesd20:{Encoding.Latin1.GetString(published)}d8:completei0e10:downloadedi0e10:incompletei1eeee",
            Encoding.Latin1.GetString(scrape));
        Assert.Equal(1, tracker.Peers.TorrentCount);
    }

    [Fact]
    public void Scrape_counts_seeders_leechers_and_completions_per_hash()
    {
        var tracker = Tracker();
        var other = AnnounceQuery.Hash(2);
        tracker.Announce(AnnounceQuery.For(Hash, port: 1, left: 0, eventName: "completed"), IPAddress.Parse("10.0.0.1"));
        tracker.Announce(AnnounceQuery.For(Hash, port: 2, left: 9), IPAddress.Parse("10.0.0.2"));
        tracker.Announce(AnnounceQuery.For(Hash, port: 3, left: 9), IPAddress.Parse("10.0.0.3"));

        var body = tracker.Scrape($"?info_hash={AnnounceQuery.Escape(Hash)}&info_hash={AnnounceQuery.Escape(other)}");

        Assert.Equal(
            "d5:filesd"
            + $"20:{Encoding.Latin1.GetString(Hash)}d8:completei1e10:downloadedi1e10:incompletei2ee"
            + $"20:{Encoding.Latin1.GetString(other)}d8:completei0e10:downloadedi0e10:incompletei0ee"
            + "ee",
            Encoding.Latin1.GetString(body));
    }

    [Fact]
    public void A_scrape_without_a_hash_is_refused()
    {
        Assert.Equal("d14:failure reason25:scrape needs an info_hashe", Encoding.Latin1.GetString(Tracker().Scrape("?")));
    }

    public void Dispose() => temp.Dispose();

    private PeerTracker Tracker(string? whitelist = null) =>
        new(new TrackerOptions { WhitelistFile = whitelist }, time, NullLoggerFactory.Instance);
}
