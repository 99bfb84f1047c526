using System.Globalization;
using System.Net;
using System.Text;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Tests.Hosting;

/// <summary>/announce and /scrape over real HTTP: binary info hashes in the raw query, peers listed by the connection's address.</summary>
public sealed class TrackerEndpointTests(SeedboxFixture seedbox) : IClassFixture<SeedboxFixture>
{
    [Fact]
    public async Task Two_clients_on_their_own_addresses_are_told_of_each_other_in_compact_form()
    {
        var hash = Hash(0x00);
        var seeder = LoopbackAddresses.Next();
        var leecher = LoopbackAddresses.Next();

        var first = await RawHttp.GetAsync(seedbox.Url, Announce(hash, port: 7001, left: 0, extra: "&ip=203.0.113.1&event=started"), seeder);
        var second = await RawHttp.GetAsync(seedbox.Url, Announce(hash, port: 7002, left: 10, extra: "&event=started"), leecher);

        Assert.Equal(200, first.Status);
        Assert.Equal("text/plain", first.Headers["Content-Type"]);
        Assert.Equal("d8:completei1e10:incompletei0e8:intervali1800e12:min intervali300e5:peers0:e", first.BodyText);
        byte[] expected =
        [
            .. Encoding.ASCII.GetBytes("d8:completei1e10:incompletei1e8:intervali1800e12:min intervali300e5:peers6:"),
            .. seeder.GetAddressBytes(), 0x1B, 0x59,
            (byte)'e',
        ];
        Assert.Equal(expected, second.Body);
    }

    [Fact]
    public async Task Compact_0_lists_peers_as_dictionaries_with_their_binary_peer_ids()
    {
        var hash = Hash(0x80);
        var seeder = LoopbackAddresses.Next();
        var peerId = Enumerable.Range(0, 20).Select(i => (byte)(0xEC + i)).ToArray();
        await RawHttp.GetAsync(seedbox.Url, Announce(hash, port: 7003, left: 0, peerId: peerId), seeder);

        var answer = await RawHttp.GetAsync(seedbox.Url, Announce(hash, port: 7004, left: 1, compact: "0"), LoopbackAddresses.Next());

        var ip = seeder.ToString();
        Assert.EndsWith($"5:peersld2:ip{ip.Length}:{ip}7:peer id20:{Encoding.Latin1.GetString(peerId)}4:porti7003eeee", answer.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?info_hash=%00%01&peer_id=-PC0001-000000000001&port=1&uploaded=0&downloaded=0&left=0", "info_hash must be 20 bytes, not 2")]
    [InlineData("?info_hash=%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00&peer_id=-PC0001-000000000001&port=70000&uploaded=0&downloaded=0&left=0", "port must be an integer from 1 to 65535")]
    [InlineData("?info_hash=%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00&peer_id=-PC0001-000000000001&port=1&uploaded=0&downloaded=0&left=0&event=paused", "event must be started, completed, stopped or empty")]
    [InlineData("", "missing info_hash")]
    public async Task A_bad_announce_is_a_200_with_a_bencoded_failure_reason(string query, string reason)
    {
        var answer = await RawHttp.GetAsync(seedbox.Url, "/announce" + query);

        Assert.Equal(200, answer.Status);
        Assert.Equal($"d14:failure reason{reason.Length}:{reason}e", answer.BodyText);
    }

    [Fact]
    public async Task Scrape_reports_each_requested_hash()
    {
        var hash = Hash(0xF0);
        await RawHttp.GetAsync(seedbox.Url, Announce(hash, port: 7005, left: 0, extra: "&event=completed"), LoopbackAddresses.Next());
        await RawHttp.GetAsync(seedbox.Url, Announce(hash, port: 7006, left: 5), LoopbackAddresses.Next());

        var answer = await RawHttp.GetAsync(seedbox.Url, $"/scrape?info_hash={Escape(hash)}");

        Assert.Equal(200, answer.Status);
        Assert.Equal($"d5:filesd20:{Encoding.Latin1.GetString(hash)}d8:completei1e10:downloadedi1e10:incompletei1eeee", answer.BodyText);
    }

    [Fact]
    public async Task A_stopped_peer_is_no_longer_handed_out()
    {
        var hash = Hash(0x40);
        var gone = LoopbackAddresses.Next();
        await RawHttp.GetAsync(seedbox.Url, Announce(hash, port: 7007, left: 0), gone);
        await RawHttp.GetAsync(seedbox.Url, Announce(hash, port: 7007, left: 0, extra: "&event=stopped"), gone);

        var answer = await RawHttp.GetAsync(seedbox.Url, Announce(hash, port: 7008, left: 5), LoopbackAddresses.Next());

        Assert.Equal("d8:completei0e10:incompletei1e8:intervali1800e12:min intervali300e5:peers0:e", answer.BodyText);
    }

    // Every byte value somewhere in the tests' hashes: NUL, '%', '&', '=', '+', bytes above 0x7F.
    private static byte[] Hash(byte seed) => [.. Enumerable.Range(0, 20).Select(i => (byte)(seed + (i * 17)))];

    private static string Escape(byte[] bytes) => TrackerTargets.Escape(bytes);

    private static string Announce(byte[] hash, int port, long left, byte[]? peerId = null, string extra = "", string compact = "1") =>
        TrackerTargets.Announce(hash, port, left, peerId, extra, compact);
}
