using System.Net;
using System.Text;
using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

public sealed class PeerTableFileTests
{
    private static readonly DateTimeOffset Seen = new(2026, 12, 3, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void What_is_written_reads_back_the_same_for_IPv4_and_IPv6_peers()
    {
        SwarmRecord[] swarms =
        [
            new(Convert.ToHexString(AnnounceQuery.Hash(1)), 3, [Peer("10.0.0.1", 6881, left: 0), Peer("2001:db8::7", 51413, left: 1234)]),
            new(Convert.ToHexString(AnnounceQuery.Hash(2)), 0, [Peer("127.0.0.11", 1, left: 5)]),
        ];

        var read = PeerTableFile.Read(PeerTableFile.Write(swarms), 1000);

        Assert.Equal(2, read.Count);
        var first = read.Single(swarm => swarm.InfoHashHex == swarms[0].InfoHashHex);
        Assert.Equal(3, first.Downloaded);
        Assert.Equal(
            swarms[0].Peers.Select(Describe).Order(),
            first.Peers.Select(Describe).Order());
        Assert.Equal(Describe(swarms[1].Peers[0]), Describe(read.Single(swarm => swarm.Downloaded == 0).Peers.Single()));
    }

    [Fact]
    public void An_empty_table_is_a_small_file_that_reads_as_empty()
    {
        var bytes = PeerTableFile.Write([]);

        Assert.Equal("d6:format12:pactor-peers8:torrentsde7:versioni1ee", Encoding.ASCII.GetString(bytes));
        Assert.Empty(PeerTableFile.Read(bytes, 10));
    }

    [Theory]
    [InlineData("", "not bencode")]
    [InlineData("i1e", "not a dictionary")]
    [InlineData("d6:format5:other8:torrentsde7:versioni1ee", "not a pactor peer table")]
    [InlineData("d6:format12:pactor-peers8:torrentsde7:versioni2ee", "version 2, this pactor reads 1")]
    [InlineData("d6:format12:pactor-peers7:versioni1ee", "the file: no dictionary \"torrents\"")]
    [InlineData("d6:format12:pactor-peers8:torrentsd3:abcdee7:versioni1ee", "an info hash of 3 bytes, not 20")]
    public void A_file_that_is_not_a_peer_table_is_refused_with_what_is_wrong(string text, string problem)
    {
        var e = Assert.Throws<PeerTableFileException>(() => PeerTableFile.Read(Encoding.UTF8.GetBytes(text), 100));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2:ip3:abc", "an address of 3 bytes")]
    [InlineData("2:ip4:abcd", "no integer \"port\"")]
    public void A_peer_out_of_shape_is_refused_naming_its_torrent_and_place(string ipField, string problem)
    {
        var hash = Encoding.Latin1.GetString(AnnounceQuery.Hash(1));
        var text = $"d6:format12:pactor-peers8:torrentsd20:{hash}d10:downloadedi0e5:peersld{ipField}eeee7:versioni1ee";

        var e = Assert.Throws<PeerTableFileException>(() => PeerTableFile.Read(Encoding.Latin1.GetBytes(text), 100));

        Assert.Contains($"torrent {Convert.ToHexString(AnnounceQuery.Hash(1))}, peer 0: {problem}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_outside_1_to_65535_is_refused()
    {
        var bytes = PeerTableFile.Write([new(Convert.ToHexString(AnnounceQuery.Hash(1)), 0, [Peer("10.0.0.1", 80, left: 0)])]);
        var text = Encoding.Latin1.GetString(bytes).Replace("4:porti80e", "4:porti70000e", StringComparison.Ordinal);

        var e = Assert.Throws<PeerTableFileException>(() => PeerTableFile.Read(Encoding.Latin1.GetBytes(text), 100));

        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_values_than_the_caps_allow_are_refused_before_they_are_built()
    {
        var peers = Enumerable.Range(1, 50).Select(port => Peer("10.0.0.1", port, left: 0)).ToList();
        var bytes = PeerTableFile.Write([new(Convert.ToHexString(AnnounceQuery.Hash(1)), 0, peers)]);

        Assert.Throws<PeerTableFileException>(() => PeerTableFile.Read(bytes, 100));
    }

    private static TrackerPeer Peer(string address, int port, long left) =>
        new(new IPEndPoint(IPAddress.Parse(address), port), AnnounceQuery.PeerId(port), left, Seen);

    private static string Describe(TrackerPeer peer) =>
        $"{peer.Endpoint} {Convert.ToHexString(peer.PeerId)} {peer.Left} {peer.LastSeen:O}";
}
