namespace Pactor.Tests.Cli;

/// <summary><c>pactor serve</c> refuses bad settings before it listens: exit code 1, one line per problem.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Every_invalid_setting_is_one_line_and_exit_code_1()
    {
        var run = await CliRun.InvokeAsync(
            "serve", "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"),
            "--upstream", "ftp://x", "--hedge-after", "fast", "--listen", "https://x", "--rtorrent", "bogus");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                "pactor: Pactor:HedgeAfter (--hedge-after): 'fast' is not a duration (like 5s, 500ms, 2m or 00:00:05)",
                "pactor: Pactor:Listen (--listen): 'https://x' is not http://IP:PORT or http://localhost:PORT",
                "pactor: Pactor:RTorrent (--rtorrent): invalid rtorrent endpoint 'bogus': no scheme (expected scgi://HOST:PORT, scgi:///ABSOLUTE/SOCKET or http(s)://[USER:PASSWORD@]HOST[:PORT]/PATH)",
                "pactor: Pactor:Upstreams (--upstream): 'ftp://x' is not an http or https URL",
            ],
            run.ErrorLines);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("5ms")]
    [InlineData("11m")]
    public async Task A_hedge_too_short_for_the_deadline_pipeline_or_longer_than_10_minutes_is_refused(string hedge)
    {
        var run = await CliRun.InvokeAsync(
            "serve", "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"),
            "--upstream", "http://127.0.0.1:1/$repo/os/$arch", "--hedge-after", hedge, "--rtorrent", "scgi://127.0.0.1:5000");

        Assert.Equal((1, "pactor: Pactor:HedgeAfter (--hedge-after) must be from 100ms to 10m"), (run.ExitCode, Assert.Single(run.ErrorLines)));
    }

    [Fact]
    public async Task Without_an_upstream_or_a_mirror_list_start_up_asks_for_one()
    {
        var run = await CliRun.InvokeAsync("serve", "--cache-dir", temp.File("cache"), "--mirrorlist", temp.File("none"), "--rtorrent", "scgi://127.0.0.1:5000");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("pactor: an upstream is needed: pass --upstream URL", line, StringComparison.Ordinal);
        Assert.EndsWith(temp.File("none"), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mirror_list_that_names_only_pactor_itself_is_no_upstream()
    {
        var mirrorList = temp.File("mirrorlist");
        await File.WriteAllTextAsync(mirrorList, "Server = http://localhost:8123/$repo/os/$arch\n");

        var run = await CliRun.InvokeAsync(
            "serve", "--listen", "http://127.0.0.1:8123", "--cache-dir", temp.File("cache"), "--mirrorlist", mirrorList, "--rtorrent", "scgi://127.0.0.1:5000");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("pactor: an upstream is needed", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_is_one_line()
    {
        var run = await CliRun.InvokeAsync("serve", "--config", temp.File("missing.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"pactor: --config {temp.File("missing.json")}: no such file"], run.ErrorLines);
    }

    [Fact]
    public async Task A_config_file_that_is_not_JSON_is_one_line()
    {
        var file = temp.File("broken.json");
        await File.WriteAllTextAsync(file, "{ \"Pactor\": {");

        var run = await CliRun.InvokeAsync("serve", "--config", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"pactor: --config {file}: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_values_in_the_config_file_are_reported_like_bad_flags()
    {
        var file = temp.File("pactor.json");
        await File.WriteAllTextAsync(file, """{ "Pactor": { "Upstreams": [ "http://mirror.test/$repo/os/$arch" ], "RTorrent": "scgi://127.0.0.1:5000", "PollInterval": "often", "MaxTorrentBytes": "huge", "Label": "no spaces" } }""");

        var run = await CliRun.InvokeAsync("serve", "--config", file, "--cache-dir", temp.File("cache"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                "pactor: Pactor:PollInterval: 'often' is not a duration (like 5s, 500ms, 2m or 00:00:05)",
                "pactor: Pactor:MaxTorrentBytes: 'huge' is not a size in bytes (like 4194304, 4096K or 4M)",
                "pactor: Pactor:Label must be letters and digits",
            ],
            run.ErrorLines);
    }

    [Fact]
    public async Task Upstream_retry_settings_out_of_range_are_refused()
    {
        var file = temp.File("retries.json");
        await File.WriteAllTextAsync(file, """{ "Pactor": { "Upstreams": [ "http://mirror.test/$repo/os/$arch" ], "RTorrent": "scgi://127.0.0.1:5000", "UpstreamRetryAttempts": 11, "UpstreamRetryBaseDelay": "2s", "UpstreamRetryMaxDelay": "1s" } }""");

        var run = await CliRun.InvokeAsync("serve", "--config", file, "--cache-dir", temp.File("cache"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                "pactor: Pactor:UpstreamRetryAttempts must be between 0 and 10",
                "pactor: Pactor:UpstreamRetryMaxDelay must not be less than Pactor:UpstreamRetryBaseDelay",
            ],
            run.ErrorLines);
    }

    [Fact]
    public async Task A_cache_directory_that_cannot_be_created_is_one_line()
    {
        var blocker = temp.File("a-file");
        await File.WriteAllTextAsync(blocker, "");

        var run = await CliRun.InvokeAsync(
            "serve", "--cache-dir", Path.Combine(blocker, "cache"), "--upstream", "http://mirror.test/$repo/os/$arch", "--rtorrent", "scgi://127.0.0.1:5000");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"pactor: Pactor:CacheDirectory (--cache-dir): cannot write to {Path.Combine(blocker, "cache")}: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_already_in_use_is_one_line_and_exit_code_1()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;

        var run = await CliRun.InvokeAsync(
            "serve", "--listen", $"http://127.0.0.1:{port}", "--cache-dir", temp.File("cache"),
            "--upstream", "http://mirror.test/$repo/os/$arch", "--rtorrent", "scgi://127.0.0.1:5000");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"pactor: Pactor:Listen (--listen): Failed to bind to address http://127.0.0.1:{port}: address already in use."], run.ErrorLines);
    }

    [Fact]
    public async Task Help_lists_every_serve_option()
    {
        var run = await CliRun.InvokeAsync("serve", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in (string[])["--listen", "--cache-dir", "--upstream", "--torrent-source", "--rtorrent", "--hedge-after", "--mirrorlist", "--config"])
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
    }

    public void Dispose() => temp.Dispose();
}
