using Pactor.Cli;

namespace Pactor.Tests.Docker;

/// <summary>docker/compose.yaml, checked with Debian's docker-compose (no Docker engine runs here).</summary>
public sealed class ComposeFileTests(ComposeFixture fixture) : IClassFixture<ComposeFixture>
{
    private const string SocketFolder = "/run/rtorrent";
    private const string Endpoint = "scgi:///run/rtorrent/rpc.sock";
    private const string Mirror = "/srv/mirror";

    [Fact]
    public void Compose_accepts_the_file_with_a_seedbox_and_a_client()
    {
        var compose = fixture.Compose;

        Assert.Equal(
            ["client", "client-rtorrent", "seedbox-rtorrent", "seedbox-seed", "seedbox-serve"],
            compose.ServiceNames.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("seedbox-rtorrent", "seedbox-seed")]
    [InlineData("client-rtorrent", "client")]
    public void Each_rtorrent_shares_its_socket_volume_with_its_pactor_only(string rtorrent, string pactor)
    {
        var compose = fixture.Compose;

        var volume = compose.Mounts(rtorrent).GetValueOrDefault(SocketFolder);
        Assert.NotNull(volume);
        Assert.Equal(volume, compose.Mounts(pactor).GetValueOrDefault(SocketFolder));
        Assert.Equal(
            new[] { pactor, rtorrent }.Order(StringComparer.Ordinal),
            compose.ServiceNames.Where(s => compose.Mounts(s).Values.Contains(volume)).Order(StringComparer.Ordinal));
        Assert.Equal("/run/rtorrent/rpc.sock", compose.EnvironmentValue(rtorrent, "RTORRENT_SOCKET"));
        Assert.Equal(Endpoint, compose.Flag(pactor, "--rtorrent"));
        Assert.Equal(["CMD", "pactor", "rtorrent", "ping", "--rtorrent", Endpoint], compose.HealthCheck(rtorrent));
    }

    [Fact]
    public void The_client_serves_pacman_through_its_rtorrent_with_the_seedbox_as_upstream()
    {
        var compose = fixture.Compose;

        Assert.Equal("serve", compose.Command("client")[0]);
        Assert.Equal("http://seedbox-serve:8001/$repo/os/$arch", compose.Flag("client", "--upstream"));
        Assert.Equal("http://0.0.0.0:8001", compose.Flag("client", "--listen"));
        Assert.Contains("127.0.0.1:8001:8001", compose.Service("client").GetProperty("ports")[0].ToString(), StringComparison.Ordinal);
        // rtorrent writes each package where pactor's cache expects it: one volume, one path.
        var cache = compose.Flag("client", "--cache-dir");
        Assert.NotNull(cache);
        Assert.NotNull(compose.Mounts("client").GetValueOrDefault(cache));
        Assert.Equal(compose.Mounts("client")[cache], compose.Mounts("client-rtorrent").GetValueOrDefault(cache));
    }

    [Fact]
    public void The_seedbox_seeds_the_mirror_in_place_and_serves_it_with_the_tracker()
    {
        var compose = fixture.Compose;

        Assert.Equal(["serve", "--root", Mirror, "--tracker"], compose.Command("seedbox-serve").Take(4));
        Assert.Equal(["seed", Mirror], compose.Command("seedbox-seed").Take(2));
        Assert.Contains("--watch", compose.Command("seedbox-seed"));
        Assert.Equal(new Uri("http://seedbox-serve:8001/announce"), new Uri(compose.Flag("seedbox-seed", "--announce")!));
        Assert.Equal("http://0.0.0.0:8001", compose.Flag("seedbox-serve", "--listen"));
        // pactor seed gives rtorrent each package's own directory: the tree must sit at the same path in all three.
        var tree = compose.Mounts("seedbox-seed").GetValueOrDefault(Mirror);
        Assert.NotNull(tree);
        Assert.Equal(tree, compose.Mounts("seedbox-rtorrent").GetValueOrDefault(Mirror));
        Assert.Equal(tree, compose.Mounts("seedbox-serve").GetValueOrDefault(Mirror));
        // The tracker follows the whitelist pactor seed writes: the same file through the same volume.
        var whitelist = compose.Flag("seedbox-seed", "--whitelist")!;
        Assert.Equal(whitelist, compose.Flag("seedbox-serve", "--tracker-whitelist"));
        var state = Path.GetDirectoryName(whitelist)!;
        Assert.NotNull(compose.Mounts("seedbox-seed").GetValueOrDefault(state));
        Assert.Equal(compose.Mounts("seedbox-seed").GetValueOrDefault(state), compose.Mounts("seedbox-serve").GetValueOrDefault(state));
    }

    [Theory]
    [InlineData("seedbox-rtorrent", "seedbox.rtorrent.rc")]
    [InlineData("client-rtorrent", "client.rtorrent.rc")]
    public void Each_rtorrent_runs_its_template_from_the_repository_as_copied_into_the_image(string service, string template)
    {
        var compose = fixture.Compose;
        var dockerfile = Dockerfile.Read();

        Assert.Equal(["pactor-rtorrent", $"{Dockerfile.TemplateFolder}/{template}"], compose.Entrypoint(service));
        Assert.True(File.Exists(RepositoryFiles.PathOf($"rtorrent/{template}")), $"rtorrent/{template} is not in the repository");
        Assert.Contains(
            dockerfile.Copies(),
            copy => copy.Target.TrimEnd('/') == Dockerfile.TemplateFolder && copy.Sources.Contains($"rtorrent/{template}"));
    }

    [Fact]
    public void Every_pactor_command_in_the_compose_file_parses()
    {
        var compose = fixture.Compose;
        var commands = compose.ServiceNames
            .Where(s => compose.Entrypoint(s).Count == 0)
            .Select(s => (Where: $"{s}'s command", Args: compose.Command(s)))
            .Concat(compose.ServiceNames
                .Select(s => (Where: $"{s}'s healthcheck", Args: compose.HealthCheck(s)))
                .Where(c => c.Args is ["CMD", "pactor", ..])
                .Select(c => (c.Where, Args: (IReadOnlyList<string>)[.. c.Args.Skip(2)])))
            .ToList();

        var problems = commands
            .Select(c => (c.Where, c.Args, Errors: PactorCommandLine.Build(new CliConsole(TextWriter.Null, TextWriter.Null)).Parse([.. c.Args]).Errors))
            .Where(c => c.Errors.Count > 0)
            .Select(c => $"{c.Where} `pactor {string.Join(' ', c.Args)}`: {string.Join("; ", c.Errors.Select(e => e.Message))}")
            .ToList();

        Assert.Equal(5, commands.Count);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
