using System.Net;
using Microsoft.Playwright;
using Moq;
using Pactor.Bencode;
using Pactor.Core.Tests.Support;
using Pactor.RTorrent;
using Pactor.Tests.Hosting;
using Xunit.Abstractions;

namespace Pactor.Browser.Tests;

/// <summary>
/// The status page in a real browser: Debian's headless chromium, driven by Playwright, watches a package
/// download start, progress and land in the recent requests as served from the swarm.
/// </summary>
public sealed class StatusPageBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Package = "firefox-140.0-1-x86_64.pkg.tar.zst";
    private static readonly TimeSpan DownloadTime = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_download_started_during_the_test_shows_in_flight_then_lands_in_recent_requests_from_the_swarm()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium");
        var swarm = new GradualSwarm(DownloadTime, TimeProvider.System);
        var upstream = new FakeUpstream();
        var rtorrent = new Mock<IRTorrentClient>();
        rtorrent.Setup(r => r.GetVersionAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new RTorrentVersion("0.9.8", "0.13.8"));
        await using var mirror = await LiveMirror.StartAsync(swarm, upstream, rtorrent.Object);
        var content = await PublishAsync(mirror, swarm, upstream, Package, 3 * 1024 * 1024);
        using var http = new HttpClient { BaseAddress = mirror.Url };
        (await http.GetAsync("core/os/x86_64/core.db")).Dispose();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1100 } });
        await page.GotoAsync(mirror.Url.AbsoluteUri);
        await Assertions.Expect(page.Locator("#rt-state")).ToHaveTextAsync("reachable");

        var download = http.GetAsync($"core/os/x86_64/{Package}");
        var row = page.Locator($"#downloads tbody tr[data-file='core/os/x86_64/{Package}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 5000 });
        await Assertions.Expect(row).ToContainTextAsync(Package);
        await Assertions.Expect(row.Locator(".bar span")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d %$"));
        await Assertions.Expect(row).ToContainTextAsync("/ 3.0 MiB");
        Assert.Equal(GradualSwarm.PeerCount.ToString(System.Globalization.CultureInfo.InvariantCulture), await row.Locator("td").Nth(4).TextContentAsync());
        await ScreenshotAsync(page, "status-page-downloading.png");

        using var response = await download.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        var served = page.Locator($"#recent tbody tr[data-file='/core/os/x86_64/{Package}'][data-source='swarm']");
        await Assertions.Expect(served).ToBeVisibleAsync(new() { Timeout = 5000 });
        await Assertions.Expect(served).ToContainTextAsync("3.0 MiB");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#bytes-swarm")).ToHaveTextAsync("3.0 MiB");
        await Assertions.Expect(page.Locator("#offload")).ToHaveTextAsync("100.0 %");
        await Assertions.Expect(page.Locator("#chart-svg rect[data-source='swarm']")).ToHaveCountAsync(1);

        (await http.GetAsync($"core/os/x86_64/{Package}")).Dispose();
        await Assertions.Expect(page.Locator("#recent tbody tr[data-source='cache']")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "status-page.png");
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 0);
        output.WriteLine($"screenshot: {path}");
    }

    private static async Task<byte[]> PublishAsync(LiveMirror mirror, GradualSwarm swarm, FakeUpstream upstream, string name, int length)
    {
        var content = new byte[length];
        new Random(11).NextBytes(content);
        var source = Path.Combine(mirror.WorkDirectory, name);
        await File.WriteAllBytesAsync(source, content);
        upstream.Put($"http://seedbox.test/core/os/x86_64/{name}.torrent", await TorrentCreator.CreateAsync(source, new TorrentCreateOptions { Name = name }));
        upstream.Put("http://mirror.test/core/os/x86_64/core.db", new RepoDatabaseBuilder().Add(RepoDatabaseBuilder.EntryFor(name, content)).BuildGzip());
        swarm.Publish(name, content);
        return content;
    }
}
