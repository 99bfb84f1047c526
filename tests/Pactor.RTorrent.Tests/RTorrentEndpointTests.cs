namespace Pactor.RTorrent.Tests;

public sealed class RTorrentEndpointTests
{
    [Theory]
    [InlineData("scgi://127.0.0.1:5000", RTorrentEndpointKind.ScgiTcp, "127.0.0.1", 5000, "scgi://127.0.0.1:5000")]
    [InlineData("scgi://localhost:5000", RTorrentEndpointKind.ScgiTcp, "localhost", 5000, "scgi://localhost:5000")]
    [InlineData("SCGI://rtorrent.example:65535", RTorrentEndpointKind.ScgiTcp, "rtorrent.example", 65535, "scgi://rtorrent.example:65535")]
    [InlineData("scgi://[::1]:5000", RTorrentEndpointKind.ScgiTcp, "::1", 5000, "scgi://[::1]:5000")]
    [InlineData("scgi:///run/pactor/rtorrent.sock", RTorrentEndpointKind.ScgiUnixSocket, null, 0, "scgi:///run/pactor/rtorrent.sock")]
    [InlineData("http://127.0.0.1:8080/RPC2", RTorrentEndpointKind.Http, "127.0.0.1", 8080, "http://127.0.0.1:8080/RPC2")]
    [InlineData("https://seedbox.example/RPC2", RTorrentEndpointKind.Http, "seedbox.example", 443, "https://seedbox.example/RPC2")]
    [InlineData("http://[::1]:8080/RPC2", RTorrentEndpointKind.Http, "::1", 8080, "http://[::1]:8080/RPC2")]
    [InlineData("http://user@host:8080/RPC2", RTorrentEndpointKind.Http, "host", 8080, "http://user@host:8080/RPC2")]
    [InlineData("https://user:secret@seedbox.example/RPC2", RTorrentEndpointKind.Http, "seedbox.example", 443, "https://user:***@seedbox.example/RPC2")]
    public void Parse_accepts_the_supported_forms(string text, RTorrentEndpointKind kind, string? host, int port, string shown)
    {
        var endpoint = RTorrentEndpoint.Parse(text);

        Assert.Equal(kind, endpoint.Kind);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(shown, endpoint.ToString());
        Assert.True(RTorrentEndpoint.TryParse(text, out var again));
        Assert.Equal(shown, again.ToString());
    }

    [Fact]
    public void Parse_splits_http_user_info_and_keeps_it_out_of_the_url()
    {
        var endpoint = RTorrentEndpoint.Parse("http://u%40x:p%3Aw@seedbox.example:8080/RPC2");

        Assert.Equal("u@x", endpoint.UserName);
        Assert.Equal("p:w", endpoint.Password);
        Assert.Equal(new Uri("http://seedbox.example:8080/RPC2"), endpoint.HttpUri);
        Assert.DoesNotContain("p:w", endpoint.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("p%3Aw", endpoint.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_keeps_the_unix_socket_path()
    {
        var endpoint = RTorrentEndpoint.Parse("scgi:///run/pactor/rtorrent.sock");

        Assert.Equal("/run/pactor/rtorrent.sock", endpoint.SocketPath);
        Assert.Null(endpoint.HttpUri);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("127.0.0.1:5000", "no scheme")]
    [InlineData("scgi://127.0.0.1", "missing port")]
    [InlineData("scgi://127.0.0.1:", "missing port")]
    [InlineData("scgi://127.0.0.1:0", "from 1 to 65535")]
    [InlineData("scgi://127.0.0.1:65536", "from 1 to 65535")]
    [InlineData("scgi://127.0.0.1:50a0", "from 1 to 65535")]
    [InlineData("scgi://127.0.0.1:+500", "from 1 to 65535")]
    [InlineData("scgi://:5000", "missing host")]
    [InlineData("scgi://run/pactor/rtorrent.sock", "three slashes")]
    [InlineData("scgi:relative.sock", "no scheme")]
    [InlineData("scgi://127.0.0.1:5000?x=1", "query strings")]
    [InlineData("scgi:///run/pactor/rtorrent.sock?mode=1", "query strings")]
    [InlineData("scgi://127.0.0.1:5000#top", "fragments")]
    [InlineData("scgi://127.0.0.1:5000/RPC2", "no path")]
    [InlineData("scgi://user:pw@127.0.0.1:5000", "no authentication")]
    [InlineData("scgi://::1:5000", "brackets")]
    [InlineData("scgi://[zz]:5000", "IPv6")]
    [InlineData("scgi://[::1]5000", "missing port")]
    [InlineData("scgi://999.1.1.1:5000", "not a valid host")]
    [InlineData("scgi://1.2.3:5000", "not a valid host")]
    [InlineData("scgi://bad_host!:5000", "not a valid host")]
    [InlineData("scgi:///run/../etc/rtorrent.sock", "normalized")]
    [InlineData("scgi:///run//rtorrent.sock", "normalized")]
    [InlineData("scgi:///run/pactor/", "normalized")]
    [InlineData("scgi:///run/pactor%20x.sock", "percent-encoding")]
    [InlineData("scgi://127.0.0.1:5000 ", "whitespace")]
    [InlineData(" scgi://127.0.0.1:5000", "whitespace")]
    [InlineData("scgi:///run/a\nb.sock", "control")]
    [InlineData("tcp://127.0.0.1:5000", "unknown scheme 'tcp'")]
    [InlineData("ftp://host:21/", "unknown scheme 'ftp'")]
    [InlineData("http://", "not a valid http(s) URL")]
    [InlineData("http://host:99999/RPC2", "not a valid http(s) URL")]
    [InlineData("http://host:8080/RPC2#frag", "fragments")]
    [InlineData("http://:pw@host/RPC2", "user name")]
    public void Parse_rejects_with_one_line_naming_the_text_and_the_problem(string text, string problem)
    {
        var error = Assert.Throws<RTorrentEndpointFormatException>(() => RTorrentEndpoint.Parse(text));

        Assert.IsAssignableFrom<FormatException>(error);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        var shown = string.Concat(text.Select(c => char.IsControl(c) ? '?' : c)).Replace(":pw@", ":***@", StringComparison.Ordinal);
        Assert.StartsWith($"invalid rtorrent endpoint '{shown}': ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(RTorrentEndpoint.TryParse(text, out var endpoint));
        Assert.Null(endpoint);
    }

    [Fact]
    public void Parse_rejects_a_socket_path_longer_than_a_unix_socket_allows()
    {
        var text = "scgi:///" + new string('a', RTorrentEndpoint.MaxSocketPathBytes);

        var error = Assert.Throws<RTorrentEndpointFormatException>(() => RTorrentEndpoint.Parse(text));

        Assert.Contains("more than the 107", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_error_hides_the_password()
    {
        var error = Assert.Throws<RTorrentEndpointFormatException>(() => RTorrentEndpoint.Parse("http://user:secret@host:99999/RPC2"));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://user:***@host:99999/RPC2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_null_is_an_argument_error_and_TryParse_is_false()
    {
        Assert.Throws<ArgumentNullException>(() => RTorrentEndpoint.Parse(null!));
        Assert.False(RTorrentEndpoint.TryParse(null, out _));
    }
}
