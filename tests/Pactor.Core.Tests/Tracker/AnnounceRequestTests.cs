using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

public sealed class AnnounceRequestTests
{
    private static readonly byte[] Hash = AnnounceQuery.Hash(0xF0);

    [Fact]
    public void An_announce_as_rtorrent_sends_it_is_read()
    {
        // Captured from rtorrent 0.9.8: unreserved bytes unescaped, the rest %XX, and key/ip it adds.
        const string Raw = "?info_hash=%3C%0E%A2D%C4g%17%1F%14%BE%81%E72%92%B9d%E3%E1%2A%F8&peer_id=-lt0D80-%27o%FA%17%5CY%FE%D3a%D8%F8%09"
            + "&key=3e31fd15&ip=127.77.60.5&compact=1&port=47900&uploaded=0&downloaded=0&left=100000&event=started";

        var request = AnnounceRequest.Parse(TrackerQuery.Parse(Raw));

        Assert.Equal("3C0EA244C467171F14BE81E73292B964E3E12AF8", request.InfoHashHex);
        Assert.Equal("-lt0D80-'o\u00fa\u0017\\Y\u00fe\u00d3a\u00d8\u00f8\t", string.Concat(request.PeerId.Select(b => (char)b)));
        Assert.Equal(47900, request.Port);
        Assert.Equal(100000, request.Left);
        Assert.Equal(AnnounceEvent.Started, request.Event);
        Assert.True(request.Compact);
        Assert.False(request.IsSeeding);
        Assert.Null(request.NumWant);
    }

    [Fact]
    public void A_binary_info_hash_with_NUL_and_FF_bytes_is_kept_exactly()
    {
        byte[] hash = [0x00, 0xFF, 0x25, 0x26, 0x3D, 0x2B, 0x20, 0x80, 0xC0, 0xEF, 0xBF, 0xBD, 0x0D, 0x0A, 0x00, 0x7F, 0x3F, 0x23, 0xFE, 0x01];

        var request = AnnounceRequest.Parse(TrackerQuery.Parse(AnnounceQuery.For(hash)));

        Assert.Equal(hash, request.InfoHash);
        Assert.Equal("00FF25263D2B2080C0EFBFBD0D0A007F3F23FE01", request.InfoHashHex);
    }

    [Theory]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(40)]
    [InlineData(0)]
    public void An_info_hash_that_is_not_20_bytes_is_refused(int length)
    {
        var raw = AnnounceQuery.For(new byte[20]).Replace(AnnounceQuery.Escape(new byte[20]), AnnounceQuery.Escape(new byte[length]), StringComparison.Ordinal);

        var e = Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(raw)));

        Assert.Equal($"info_hash must be 20 bytes, not {length}", e.Message);
    }

    [Fact]
    public void A_hex_info_hash_is_40_bytes_not_20()
    {
        var raw = AnnounceQuery.For(Hash).Replace(AnnounceQuery.Escape(Hash), Convert.ToHexString(Hash), StringComparison.Ordinal);

        var e = Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(raw)));

        Assert.Equal("info_hash must be 20 bytes, not 40", e.Message);
    }

    [Theory]
    [InlineData(19)]
    [InlineData(21)]
    public void A_peer_id_that_is_not_20_bytes_is_refused(int length)
    {
        var e = Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(AnnounceQuery.For(Hash, new byte[length]))));

        Assert.Equal($"peer_id must be 20 bytes, not {length}", e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("+80")]
    [InlineData("80x")]
    [InlineData("0x50")]
    [InlineData("")]
    [InlineData("99999999999999999999999")]
    public void A_port_outside_1_to_65535_is_refused(string port)
    {
        var raw = AnnounceQuery.For(Hash).Replace("&port=6881", "&port=" + port, StringComparison.Ordinal);

        var e = Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(raw)));

        Assert.Equal("port must be an integer from 1 to 65535", e.Message);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("65535")]
    public void Ports_at_the_edges_are_accepted(string port)
    {
        var raw = AnnounceQuery.For(Hash).Replace("&port=6881", "&port=" + port, StringComparison.Ordinal);

        Assert.Equal(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), AnnounceRequest.Parse(TrackerQuery.Parse(raw)).Port);
    }

    [Theory]
    [InlineData("left", "-5")]
    [InlineData("left", "1.5")]
    [InlineData("uploaded", "9223372036854775808")]
    [InlineData("downloaded", "x")]
    public void Counters_must_be_non_negative_integers(string name, string value)
    {
        var raw = AnnounceQuery.For(Hash).Replace($"&{name}=", $"&{name}={value}&ignored=", StringComparison.Ordinal);

        var e = Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(raw)));

        Assert.Equal($"{name} must be a non-negative integer", e.Message);
    }

    [Theory]
    [InlineData("info_hash")]
    [InlineData("peer_id")]
    [InlineData("port")]
    [InlineData("uploaded")]
    [InlineData("downloaded")]
    [InlineData("left")]
    public void Required_parameters_must_be_present(string name)
    {
        var raw = string.Join('&', AnnounceQuery.For(Hash).TrimStart('?').Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal)));

        var e = Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(raw)));

        Assert.Equal($"missing {name}", e.Message);
    }

    [Theory]
    [InlineData("&info_hash=%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00", "info_hash")]
    [InlineData("&port=6882", "port")]
    [InlineData("&event=stopped&event=started", "event")]
    [InlineData("&compact=0&compact=1", "compact")]
    public void A_repeated_parameter_is_refused(string extra, string name)
    {
        var e = Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(AnnounceQuery.For(Hash, extra: extra))));

        Assert.Equal($"parameter {name} given more than once", e.Message);
    }

    [Theory]
    [InlineData("started", AnnounceEvent.Started)]
    [InlineData("completed", AnnounceEvent.Completed)]
    [InlineData("stopped", AnnounceEvent.Stopped)]
    [InlineData("empty", AnnounceEvent.None)]
    [InlineData("", AnnounceEvent.None)]
    public void Events_are_read(string name, AnnounceEvent expected) =>
        Assert.Equal(expected, AnnounceRequest.Parse(TrackerQuery.Parse(AnnounceQuery.For(Hash, eventName: name))).Event);

    [Theory]
    [InlineData("paused")]
    [InlineData("Started")]
    [InlineData("started%00")]
    public void Other_events_are_refused(string name)
    {
        var e = Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(AnnounceQuery.For(Hash, eventName: name))));

        Assert.Equal("event must be started, completed, stopped or empty", e.Message);
    }

    [Fact]
    public void Optional_flags_and_numwant_are_read_and_validated()
    {
        var request = AnnounceRequest.Parse(TrackerQuery.Parse(AnnounceQuery.For(Hash, left: 0, extra: "&compact=0&no_peer_id=1&numwant=7")));

        Assert.False(request.Compact);
        Assert.True(request.NoPeerId);
        Assert.Equal(7, request.NumWant);
        Assert.True(request.IsSeeding);
        Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(AnnounceQuery.For(Hash, extra: "&compact=yes"))));
        Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(AnnounceQuery.For(Hash, extra: "&numwant=-1"))));
        Assert.Throws<TrackerRequestException>(() => AnnounceRequest.Parse(TrackerQuery.Parse(AnnounceQuery.For(Hash, extra: "&numwant=4294967296"))));
    }

    [Fact]
    public void Scrape_takes_several_hashes_merges_repeats_and_caps_their_number()
    {
        var a = AnnounceQuery.Hash(1);
        var b = AnnounceQuery.Hash(2);
        var raw = $"info_hash={AnnounceQuery.Escape(a)}&info_hash={AnnounceQuery.Escape(b)}&info_hash={AnnounceQuery.Escape(a)}";

        var request = ScrapeRequest.Parse(TrackerQuery.Parse(raw), maxHashes: 2);

        Assert.Equal([a, b], request.InfoHashes);
        Assert.Equal("scrape of more than 1 info hashes", Assert.Throws<TrackerRequestException>(() => ScrapeRequest.Parse(TrackerQuery.Parse(raw), 1)).Message);
        Assert.Equal("scrape needs an info_hash", Assert.Throws<TrackerRequestException>(() => ScrapeRequest.Parse(TrackerQuery.Parse(""), 2)).Message);
        Assert.Equal("info_hash must be 20 bytes, not 3", Assert.Throws<TrackerRequestException>(() => ScrapeRequest.Parse(TrackerQuery.Parse("info_hash=abc"), 2)).Message);
    }
}
