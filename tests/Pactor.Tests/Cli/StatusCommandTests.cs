using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pactor.Bencode;
using Pactor.Cli;
using Pactor.Core.Swarm;
using Pactor.Core.Tests.Support;
using Pactor.Hosting;
using Pactor.Hosting.Status;
using Pactor.Tests.Hosting;

namespace Pactor.Tests.Cli;

/// <summary><c>pactor status</c> against a running mirror (a real socket), and against nothing.</summary>
public sealed class StatusCommandTests
{
    private const string Zlib = "zlib-1.3-1-x86_64.pkg.tar.zst";

    [Fact]
    public async Task Prints_totals_downloads_and_recent_requests_of_a_running_pactor()
    {
        var swarm = new FakeSwarm();
        var upstream = new FakeUpstream();

        // The real clock runs: a hedge far off keeps a slow machine from sending the request upstream mid-test.
        await using var mirror = await LiveMirror.StartAsync(swarm, upstream, configure: flags => flags[SettingKeys.HedgeAfter] = "00:05:00");
        var content = await PublishAsync(mirror, upstream, Zlib, 100_000);
        using var http = new HttpClient { BaseAddress = mirror.Url };
        (await http.GetAsync("core/os/x86_64/core.db")).Dispose();
        var pending = http.GetAsync("core/os/x86_64/" + Zlib);

        // The load counts before the request that started it waits on it (a fake swarm loads synchronously).
        var downloads = mirror.Services.GetRequiredService<DownloadCoordinator>();
        await MirrorTraffic.WaitUntilAsync(() => swarm.Loads == 1 && downloads.InFlight.Any(d => d.Waiters == 1));

        var during = await CliRun.InvokeAsync("status", "--url", mirror.Url.AbsoluteUri);

        Assert.Equal(0, during.ExitCode);
        Assert.Equal("", during.Error);
        Assert.Contains("Downloads in flight (1)", during.Out, StringComparison.Ordinal);
        Assert.Contains($"  {Zlib}\n    [........................] ", during.Out, StringComparison.Ordinal);
        Assert.Contains("0 B/97.7 KiB", during.Out, StringComparison.Ordinal);
        Assert.Contains("1 waiting", during.Out, StringComparison.Ordinal);

        swarm.Complete(Zlib, content);
        using var served = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var after = await CliRun.InvokeAsync("status", "--url", mirror.Url.AbsoluteUri.TrimEnd('/'));

        Assert.Equal(0, after.ExitCode);
        Assert.Contains("Downloads in flight (0)", after.Out, StringComparison.Ordinal);
        Assert.Contains("swarm 97.7 KiB", after.Out, StringComparison.Ordinal);
        Assert.Contains("offload 100.0 %", after.Out, StringComparison.Ordinal);
        Assert.Matches($@"\n  \d\d:\d\d:\d\d  swarm     200    97\.7 KiB +[\d.]+ ms  /core/os/x86_64/{Zlib}\n", after.Out);
        Assert.Contains("rtorrent ", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_prints_the_status_document_for_scripts()
    {
        await using var mirror = await LiveMirror.StartAsync(new FakeSwarm(), new FakeUpstream());

        var run = await CliRun.InvokeAsync("status", "--json", "--url", mirror.Url.AbsoluteUri);

        Assert.Equal(0, run.ExitCode);
        var status = JsonSerializer.Deserialize(run.Out, StatusJsonContext.Default.StatusReport);
        Assert.NotNull(status);
        Assert.Equal(PactorCommandLine.Version, status.Version);
        Assert.Equal("scgi://127.0.0.1:1", status.RTorrent.Endpoint);
        Assert.Equal(60, status.Series.Count);
        Assert.EndsWith("}\n", run.Out.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_is_one_line_and_exit_code_1()
    {
        var url = $"http://127.0.0.1:{FreePort.Find()}";

        var run = await CliRun.InvokeAsync("status", "--url", url);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"pactor: no pactor answers at {url}/: ", line, StringComparison.Ordinal);
        Assert.Contains("refused", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Something_else_listening_is_not_taken_for_pactor()
    {
        var swarm = new FakeSwarm();
        await using var mirror = await LiveMirror.StartAsync(swarm, new FakeUpstream());

        var run = await CliRun.InvokeAsync("status", "--url", new Uri(mirror.Url, "core/").AbsoluteUri);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"pactor: no pactor answers at {mirror.Url}core/: /core/api/status answered HTTP 404", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_a_usage_error()
    {
        var run = await CliRun.InvokeAsync("status", "--url", "ftp://127.0.0.1/");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("pactor: --url 'ftp://127.0.0.1/': not an absolute http or https URL (see 'pactor status --help')", Assert.Single(run.ErrorLines));
    }

    private static async Task<byte[]> PublishAsync(LiveMirror mirror, FakeUpstream upstream, string name, int length)
    {
        var content = new byte[length];
        new Random(7).NextBytes(content);
        var source = Path.Combine(mirror.WorkDirectory, name);
        await File.WriteAllBytesAsync(source, content);
        upstream.Put($"http://seedbox.test/core/os/x86_64/{name}.torrent", await TorrentCreator.CreateAsync(source, new TorrentCreateOptions { Name = name }));
        upstream.Put("http://mirror.test/core/os/x86_64/core.db", new RepoDatabaseBuilder().Add(RepoDatabaseBuilder.EntryFor(name, content)).BuildGzip());
        return content;
    }
}
