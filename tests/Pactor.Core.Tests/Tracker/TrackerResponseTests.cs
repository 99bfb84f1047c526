using System.Net;
using System.Text;
using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

public sealed class TrackerResponseTests
{
    private static readonly DateTimeOffset Seen = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TrackerOptions Options = new() { Interval = TimeSpan.FromSeconds(30) };

    [Fact]
    public void A_failure_is_a_dictionary_with_only_the_reason()
    {
        Assert.Equal("d14:failure reason11:bad requeste", Latin1(TrackerResponse.Failure("bad request")));
    }

    [Fact]
    public void Compact_IPv4_peers_are_six_bytes_each_address_then_port_big_endian()
    {
        var result = new AnnounceResult([Peer("10.1.2.3", 6881), Peer("127.77.60.255", 65535)], new SwarmCounts(1, 2, 3));

        var body = TrackerResponse.Announce(result, Options, compact: true, noPeerId: false);

        byte[] expected =
        [
            .. Encoding.ASCII.GetBytes("d8:completei1e10:incompletei2e8:intervali30e12:min intervali30e5:peers12:"),
            10, 1, 2, 3, 0x1A, 0xE1,
            127, 77, 60, 255, 0xFF, 0xFF,
            (byte)'e',
        ];
        Assert.Equal(expected, body);
    }

    [Fact]
    public void Compact_IPv6_peers_go_to_peers6_eighteen_bytes_each()
    {
        var result = new AnnounceResult([Peer("2001:db8::1", 443), Peer("192.0.2.7", 1)], new SwarmCounts(0, 2, 0));

        var body = TrackerResponse.Announce(result, Options, compact: true, noPeerId: false);

        byte[] expected =
        [
            .. Encoding.ASCII.GetBytes("d8:completei0e10:incompletei2e8:intervali30e12:min intervali30e5:peers6:"),
            192, 0, 2, 7, 0x00, 0x01,
            .. Encoding.ASCII.GetBytes("6:peers618:"),
            0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x01, 0xBB,
            (byte)'e',
        ];
        Assert.Equal(expected, body);
    }

    [Fact]
    public void No_peers_is_an_empty_peers_string_and_no_peers6()
    {
        var body = TrackerResponse.Announce(new AnnounceResult([], default), Options, compact: true, noPeerId: false);

        Assert.Equal("d8:completei0e10:incompletei0e8:intervali30e12:min intervali30e5:peers0:e", Latin1(body));
    }

    [Fact]
    public void Non_compact_peers_are_a_list_of_dictionaries_with_the_binary_peer_id()
    {
        var peerId = new byte[20];
        peerId[0] = 0xFF;
        var result = new AnnounceResult([Peer("10.0.0.1", 80, peerId), Peer("::1", 81, peerId)], new SwarmCounts(2, 0, 0));

        var body = TrackerResponse.Announce(result, Options, compact: false, noPeerId: false);

        var id = "\u00ff" + new string('\0', 19);
        Assert.Equal(
            "d8:completei2e10:incompletei0e8:intervali30e12:min intervali30e5:peersl"
            + $"d2:ip8:10.0.0.17:peer id20:{id}4:porti80ee"
            + $"d2:ip3:::17:peer id20:{id}4:porti81ee"
            + "ee",
            Latin1(body));
    }

    [Fact]
    public void No_peer_id_leaves_the_id_out()
    {
        var body = TrackerResponse.Announce(new AnnounceResult([Peer("10.0.0.1", 80)], default), Options, compact: false, noPeerId: true);

        Assert.EndsWith("5:peersld2:ip8:10.0.0.14:porti80eeee", Latin1(body), StringComparison.Ordinal);
    }

    [Fact]
    public void Scrape_lists_each_binary_hash_with_its_counts_in_byte_order()
    {
        var high = Enumerable.Repeat((byte)0xEE, 20).ToArray();
        var low = Enumerable.Repeat((byte)0x01, 20).ToArray();

        var body = TrackerResponse.Scrape([KeyValuePair.Create(high, new SwarmCounts(1, 2, 3)), KeyValuePair.Create(low, new SwarmCounts(0, 0, 0))]);

        Assert.Equal(
            "d5:filesd"
            + $"20:{new string('\u0001', 20)}d8:completei0e10:downloadedi0e10:incompletei0ee"
            + $"20:{new string('\u00ee', 20)}d8:completei1e10:downloadedi3e10:incompletei2ee"
            + "ee",
            Latin1(body));
    }

    private static TrackerPeer Peer(string address, int port, byte[]? peerId = null) =>
        new(new IPEndPoint(IPAddress.Parse(address), port), peerId ?? AnnounceQuery.PeerId(port), 0, Seen);

    private static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);
}
