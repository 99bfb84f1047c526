using System.Net;
using Pactor.Hosting;

namespace Pactor.Tests.Cli;

/// <summary>pacman's mirror list as pactor reads it for upstreams.</summary>
public sealed class MirrorListTests
{
    private static readonly ListenAddress Pactor = new(IPAddress.Loopback, 8001);

    [Fact]
    public void Server_lines_are_read_in_order_and_comments_are_ignored()
    {
        string[] lines =
        [
            "##",
            "## Arch Linux repository mirrorlist",
            "## Generated on 2026-11-01",
            "",
            "## Germany",
            "Server = https://de.mirror.test/archlinux/$repo/os/$arch",
            "#Server = https://disabled.test/$repo/os/$arch",
            "  Server   =   http://spaced.test/$repo/os/$arch   ",
            "Server = http://inline.test/$repo/os/$arch # nearest",
            "server = http://lowercase-key.test/$repo/os/$arch",
            "Include = /etc/pacman.d/other",
            "Server = https://de.mirror.test/archlinux/$repo/os/$arch",
        ];

        Assert.Equal(
            ["https://de.mirror.test/archlinux/$repo/os/$arch", "http://spaced.test/$repo/os/$arch", "http://inline.test/$repo/os/$arch"],
            MirrorList.Parse(lines, Pactor));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8001/$repo/os/$arch")]
    [InlineData("http://localhost:8001/$repo/os/$arch")]
    [InlineData("http://127.0.0.2:8001/$repo/os/$arch")]
    [InlineData("http://[::1]:8001/$repo/os/$arch")]
    public void Pactor_itself_is_skipped(string self)
    {
        Assert.Equal(["http://upstream.test/$repo/os/$arch"], MirrorList.Parse([$"Server = {self}", "Server = http://upstream.test/$repo/os/$arch"], Pactor));
    }

    [Fact]
    public void The_same_port_on_another_host_is_another_mirror()
    {
        Assert.Equal(["http://lan-cache.test:8001/$repo/os/$arch"], MirrorList.Parse(["Server = http://lan-cache.test:8001/$repo/os/$arch"], Pactor));
    }

    [Fact]
    public void Servers_pactor_cannot_use_are_skipped()
    {
        string[] lines =
        [
            "Server = ftp://ftp.mirror.test/$repo/os/$arch",
            "Server = file:///srv/mirror/$repo/os/$arch",
            "Server = http://query.test/$repo/os/$arch?x=1",
            "Server = ",
            "Server = https://ok.test/$repo/os/$arch",
        ];

        Assert.Equal(["https://ok.test/$repo/os/$arch"], MirrorList.Parse(lines, Pactor));
    }

    [Fact]
    public void A_missing_file_has_no_servers() =>
        Assert.Empty(MirrorList.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), Pactor));

    [Theory]
    [InlineData("http://127.0.0.1:8001", "127.0.0.1", 8001)]
    [InlineData("http://0.0.0.0:80", "0.0.0.0", 80)]
    [InlineData("http://[::1]:9000/", "::1", 9000)]
    [InlineData("http://localhost:8001", null, 8001)]
    public void Listen_addresses_parse(string text, string? address, int port)
    {
        var listen = ListenAddress.TryParse(text, out var error);

        Assert.Null(error);
        Assert.Equal(new ListenAddress(address is null ? null : IPAddress.Parse(address), port), listen);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8001")]
    [InlineData("http://mirror.example:8001")]
    [InlineData("http://127.0.0.1:8001/sub")]
    [InlineData("http://user@127.0.0.1:8001")]
    [InlineData("http://localhost:0")]
    [InlineData("127.0.0.1:8001")]
    [InlineData("")]
    public void Bad_listen_addresses_are_refused(string text)
    {
        Assert.Null(ListenAddress.TryParse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
