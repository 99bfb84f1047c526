using System.Text;

namespace Pactor.RTorrent.Tests;

public sealed class ScgiFramingTests
{
    [Fact]
    public void RequestHeader_puts_CONTENT_LENGTH_first_as_rtorrent_requires()
    {
        var header = ScgiFraming.RequestHeader(115);

        Assert.Equal("26:CONTENT_LENGTH\0115\0SCGI\01\0,"u8.ToArray(), header);
    }

    [Fact]
    public void TryParseReply_returns_the_body_of_a_real_rtorrent_reply()
    {
        var reply = TestFiles.Read("scgi/client-version.reply.scgi");

        Assert.True(ScgiFraming.TryParseReply(reply, out var body, out var problem), problem);

        Assert.Equal(152, body.Length);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", Encoding.UTF8.GetString(body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseReply_accepts_LF_line_ends_and_a_missing_status()
    {
        var reply = "Content-Type: text/xml\nContent-Length: 5\n\nhello"u8.ToArray();

        Assert.True(ScgiFraming.TryParseReply(reply, out var body, out _));

        Assert.Equal("hello"u8.ToArray(), body.ToArray());
    }

    [Fact]
    public void TryParseReply_ignores_bytes_after_Content_Length()
    {
        var reply = "Status: 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"u8.ToArray();

        Assert.True(ScgiFraming.TryParseReply(reply, out var body, out _));

        Assert.Equal("ok"u8.ToArray(), body.ToArray());
    }

    [Theory]
    [InlineData("", "closed without a reply")]
    [InlineData("Status: 500 Internal Server Error\r\n\r\n", "status '500 Internal Server Error'")]
    [InlineData("Status: 200 OK\r\nContent-Length: 152\r\n<?xml", "no blank line")]
    [InlineData("Status: 200 OK\r\nContent-Length: 10\r\n\r\n<?xml", "cut short: 5 of 10")]
    [InlineData("Status: 200 OK\r\nContent-Length: -1\r\n\r\n<?xml", "invalid Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n<?xml", "malformed reply header line 'HTTP/1.1 200 OK'")]
    public void TryParseReply_refuses_broken_replies(string reply, string problem)
    {
        Assert.False(ScgiFraming.TryParseReply(Encoding.Latin1.GetBytes(reply), out _, out var actual));

        Assert.Contains(problem, actual, StringComparison.Ordinal);
    }
}
