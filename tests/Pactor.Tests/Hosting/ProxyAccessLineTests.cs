using System.Text;
using Pactor.Hosting;

namespace Pactor.Tests.Hosting;

/// <summary>
/// One datagram of nginx's access log as <c>access_log syslog:server=unix:PATH</c> sends it:
/// <c>&lt;PRI&gt;Mmm dd hh:mm:ss [HOSTNAME] nginx: MESSAGE</c> (the day padded with a space, the hostname left out
/// with <c>nohostname</c>), MESSAGE in README's <c>pactor_hit</c> log format.
/// </summary>
public sealed class ProxyAccessLineTests
{
    private const string Zlib = "/core/os/x86_64/zlib-1.3-1-x86_64.pkg.tar.zst";

    [Theory]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 mirror-1.example nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov  7 08:00:01 nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov  7 08:00:01 mirror-1 nginx: GET 200 1048576 0.003 " + Zlib + "\n")]
    [InlineData("<14>Jan  1 00:00:00 pactor_hit: GET 200 1048576 0.003 " + Zlib)]
    public void Nginx_syslog_lines_are_read_with_or_without_hostname(string datagram)
    {
        var line = Parse(datagram);

        Assert.NotNull(line);
        Assert.Equal("GET", line.Method);
        Assert.Equal(200, line.Status);
        Assert.Equal(1_048_576, line.Bytes);
        Assert.Equal(3, line.Duration.TotalMilliseconds, 0.001);
        Assert.Equal(Zlib, line.Path);
    }

    [Theory]
    [InlineData("HEAD 200 0 0.000", "HEAD", 200, 0L)]
    [InlineData("GET 206 4096 0.120", "GET", 206, 4096L)]
    [InlineData("GET 304 0 0.000", "GET", 304, 0L)]
    [InlineData("GET 404 153 0.000", "GET", 404, 153L)]
    [InlineData("GET 200 5000000000 12.5", "GET", 200, 5_000_000_000L)]
    public void Methods_statuses_and_sizes_are_taken_as_logged(string fields, string method, int status, long bytes)
    {
        var line = Parse($"<190>Nov 27 08:00:01 nginx: {fields} {Zlib}");

        Assert.NotNull(line);
        Assert.Equal((method, status, bytes, Zlib), (line.Method, line.Status, line.Bytes, line.Path));
    }

    [Fact]
    public void The_path_is_the_rest_of_the_line_spaces_included()
    {
        // $uri is decoded: a space in it is the path's, not a sixth field (pactor's path rules refuse it later).
        var line = Parse("<190>Nov 27 08:00:01 nginx: GET 404 0 0.000 /core/os/x86_64/a b.pkg.tar.zst");

        Assert.Equal("/core/os/x86_64/a b.pkg.tar.zst", line?.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("GET 200 1048576 0.003 " + Zlib)]
    [InlineData("nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("190>Nov 27 08:00:01 nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<>Nov 27 08:00:01 nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<1a0>Nov 27 08:00:01 nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<-1>Nov 27 08:00:01 nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<19000>Nov 27 08:00:01 nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<190 Nov 27 08:00:01 nginx: GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 GET 200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 0.003")]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: ")]
    [InlineData("<190>Nov 27 08:00:01 nginx:  200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: get 200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GÉT 200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: G\u0415T 200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GETGETGETGETGETGET 200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET -200 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 99 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 600 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 99999999999 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 2OO 1048576 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 -1 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 +1 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 99999999999999999999 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1e6 0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 -0.003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 1e3 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 86400 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 99999999999999999999999999999999 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 NaN " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 Infinity " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 -Infinity " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 0,003 " + Zlib)]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 0.003 core/os/x86_64/zlib-1.3-1-x86_64.pkg.tar.zst")]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET 200 1048576 0.003 ")]
    [InlineData("<190>Nov 27 08:00:01 nginx: GET  200 1048576 0.003 " + Zlib)]
    public void Anything_else_is_refused(string datagram)
    {
        Assert.Null(Parse(datagram));
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_refused_without_an_exception()
    {
        byte[] datagram = [.. "<190>Nov 27 08:00:01 nginx: G"u8, 0xff, 0xfe, .. "T 200 1 0.001 /core/os/x86_64/a.pkg.tar.zst"u8];

        Assert.Null(ProxyAccessLine.Parse(datagram));
    }

    private static ProxyAccessLine? Parse(string datagram) => ProxyAccessLine.Parse(Encoding.UTF8.GetBytes(datagram));
}
