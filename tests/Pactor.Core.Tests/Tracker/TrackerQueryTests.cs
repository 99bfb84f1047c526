using System.Text;
using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Tracker;

public sealed class TrackerQueryTests
{
    [Fact]
    public void Every_byte_from_00_to_FF_survives_percent_decoding()
    {
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();

        var query = TrackerQuery.Parse("?blob=" + AnnounceQuery.Escape(all));

        Assert.Equal(all, query.Single("blob"));
    }

    [Fact]
    public void Lower_case_escapes_unescaped_characters_and_plus_decode_as_form_encoding()
    {
        var query = TrackerQuery.Parse("a=%ff%0aZ~+x");

        Assert.Equal([0xff, 0x0a, (byte)'Z', (byte)'~', (byte)' ', (byte)'x'], query.Single("a"));
    }

    [Fact]
    public void Parameters_keep_their_order_and_repeats_and_empty_parts_are_skipped()
    {
        var query = TrackerQuery.Parse("?x=1&&y=&x=2&flag");

        Assert.Equal(["x", "y", "x", "flag"], query.Parameters.Select(p => p.Key));
        Assert.Equal(["1", "2"], query.All("x").Select(Encoding.ASCII.GetString));
        Assert.Equal(new byte[0], query.Single("y"));
        Assert.Equal(new byte[0], query.Single("flag"));
        Assert.Null(query.Single("missing"));
    }

    [Fact]
    public void Single_refuses_a_repeated_parameter()
    {
        var query = TrackerQuery.Parse("port=1&port=2");

        var e = Assert.Throws<TrackerRequestException>(() => query.Single("port"));

        Assert.Equal("parameter port given more than once", e.Message);
    }

    [Theory]
    [InlineData("a=%", "malformed query string: truncated %-escape")]
    [InlineData("a=%4", "malformed query string: truncated %-escape")]
    [InlineData("a=%G0", "malformed query string: bad %-escape")]
    [InlineData("a=%u0041", "malformed query string: bad %-escape")]
    [InlineData("a=b c", "malformed query string: unescaped character")]
    [InlineData("a=\u00e9", "malformed query string: unescaped character")]
    [InlineData("a=\n", "malformed query string: unescaped character")]
    [InlineData("=x", "malformed query string: bad parameter name")]
    [InlineData("%00=x", "malformed query string: bad parameter name")]
    [InlineData("a%20b=x", "malformed query string: bad parameter name")]
    public void Malformed_queries_are_refused_with_a_reason(string raw, string reason)
    {
        var e = Assert.Throws<TrackerRequestException>(() => TrackerQuery.Parse(raw));

        Assert.Equal(reason, e.Message);
    }

    [Fact]
    public void Overlong_queries_and_too_many_parameters_are_refused()
    {
        Assert.Throws<TrackerRequestException>(() => TrackerQuery.Parse("a=" + new string('x', TrackerQuery.MaxLength)));
        Assert.Throws<TrackerRequestException>(() => TrackerQuery.Parse(string.Join('&', Enumerable.Repeat("a=1", TrackerQuery.MaxParameters + 1))));
        Assert.Equal(TrackerQuery.MaxParameters, TrackerQuery.Parse(string.Join('&', Enumerable.Repeat("a=1", TrackerQuery.MaxParameters))).Parameters.Count);
    }
}
