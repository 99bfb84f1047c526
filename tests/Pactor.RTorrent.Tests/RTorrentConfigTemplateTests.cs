using System.Net;

namespace Pactor.RTorrent.Tests;

public sealed class RTorrentConfigTemplateTests
{
    private static readonly RTorrentConfigValues Values = new()
    {
        SessionDirectory = "/var/lib/pactor/rtorrent/session",
        DownloadDirectory = "/var/lib/pactor/packages",
        LogFile = "/var/log/pactor/rtorrent.log",
        Scgi = RTorrentEndpoint.Parse("scgi://127.0.0.1:5000"),
        BindAddress = IPAddress.Parse("192.0.2.10"),
        Port = 6881,
    };

    [Theory]
    [InlineData(RTorrentConfigTemplate.SeedboxFileName)]
    [InlineData(RTorrentConfigTemplate.ClientFileName)]
    public void The_embedded_templates_are_the_files_in_the_rtorrent_folder(string fileName)
    {
        var file = File.ReadAllText(TestFiles.PathOf("Templates/" + fileName));

        var embedded = fileName == RTorrentConfigTemplate.SeedboxFileName ? RTorrentConfigTemplate.Seedbox : RTorrentConfigTemplate.Client;

        Assert.Equal(file, embedded);
    }

    [Theory]
    [InlineData(RTorrentConfigTemplate.SeedboxFileName)]
    [InlineData(RTorrentConfigTemplate.ClientFileName)]
    public void Render_fills_every_placeholder_of_the_real_templates(string fileName)
    {
        var rendered = RTorrentConfigTemplate.Render(File.ReadAllText(TestFiles.PathOf("Templates/" + fileName)), Values);

        var lines = rendered.Split('\n');
        Assert.Contains("session.path.set = /var/lib/pactor/rtorrent/session", lines);
        Assert.Contains("directory.default.set = /var/lib/pactor/packages", lines);
        Assert.Contains("log.open_file = pactor, /var/log/pactor/rtorrent.log", lines);
        Assert.Contains("network.scgi.open_port = 127.0.0.1:5000", lines);
        Assert.Contains("network.bind_address.set = 192.0.2.10", lines);
        Assert.Contains("network.local_address.set = 192.0.2.10", lines);
        Assert.Contains("network.port_range.set = 6881-6881", lines);
        Assert.Contains("network.xmlrpc.size_limit.set = 4M", lines);
        Assert.Single(lines, line => line.StartsWith("network.scgi.", StringComparison.Ordinal));
        Assert.DoesNotMatch("@[A-Z_]+@", rendered);
    }

    [Fact]
    public void Render_writes_open_local_for_a_unix_socket_and_an_explicit_local_address()
    {
        var rendered = RTorrentConfigTemplate.Render(RTorrentConfigTemplate.Client, Values with
        {
            Scgi = RTorrentEndpoint.Parse("scgi:///run/pactor/rtorrent.sock"),
            BindAddress = IPAddress.Any,
            LocalAddress = IPAddress.Parse("198.51.100.7"),
        });

        var lines = rendered.Split('\n');
        Assert.Contains("network.scgi.open_local = /run/pactor/rtorrent.sock", lines);
        Assert.Contains("network.bind_address.set = 0.0.0.0", lines);
        Assert.Contains("network.local_address.set = 198.51.100.7", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("network.scgi.open_port", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/var/lib/pactor\nsystem.shutdown =")]
    [InlineData("/var/lib/pactor\r")]
    [InlineData("/var/lib/my pactor")]
    [InlineData("/var/lib/\"pactor\"")]
    [InlineData("/var/lib/pactor,x")]
    [InlineData("/var/lib/pactor;x")]
    [InlineData("/var/lib/$pactor")]
    [InlineData("/var/lib/{pactor}")]
    [InlineData("/var/lib/#pactor")]
    [InlineData("/var/lib/@PORT@")]
    [InlineData("relative/session")]
    [InlineData("")]
    public void Render_refuses_paths_the_rc_parser_could_misread(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => RTorrentConfigTemplate.Render(RTorrentConfigTemplate.Seedbox, Values with { SessionDirectory = path }));

        Assert.Contains("SessionDirectory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("scgi://192.0.2.10:5000")]
    [InlineData("scgi://rtorrent.example:5000")]
    [InlineData("http://127.0.0.1:8080/RPC2")]
    public void Render_refuses_an_scgi_listener_off_loopback(string endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RTorrentConfigTemplate.Render(RTorrentConfigTemplate.Seedbox, Values with { Scgi = RTorrentEndpoint.Parse(endpoint) }));

        Assert.Contains("no authentication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_refuses_a_wildcard_bind_address_without_a_local_address()
    {
        Assert.Throws<ArgumentException>(() =>
            RTorrentConfigTemplate.Render(RTorrentConfigTemplate.Seedbox, Values with { BindAddress = IPAddress.Any }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Render_refuses_a_port_out_of_range(int port)
    {
        Assert.Throws<ArgumentException>(() => RTorrentConfigTemplate.Render(RTorrentConfigTemplate.Seedbox, Values with { Port = port }));
    }

    [Fact]
    public void Render_refuses_unknown_placeholders_and_a_template_without_its_scgi_line()
    {
        var unknown = Assert.Throws<ArgumentException>(() => RTorrentConfigTemplate.Render("@SCGI@\nthrottle.max_uploads.set = @UPLOADS@\n", Values));
        Assert.Contains("@UPLOADS@", unknown.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => RTorrentConfigTemplate.Render("session.path.set = @SESSION_DIR@\n", Values));
        Assert.Throws<ArgumentException>(() => RTorrentConfigTemplate.Render("# @SCGI@\n", Values));
    }
}
