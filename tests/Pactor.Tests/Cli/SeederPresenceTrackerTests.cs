using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Pactor.Cli;
using Pactor.Core.Seeding;
using Pactor.Core.Tracker;
using Pactor.RTorrent;
using Pactor.RTorrent.Tests.Integration;

namespace Pactor.Tests.Cli;

/// <summary>
/// Debian's opentracker keeps peers in memory only: restarted, it lists no seeder until rtorrent's next announce,
/// 30 min away. The seedbox's check (what <c>pactor seed --watch</c> runs after each scan) sees that through a real
/// scrape and has the real seedbox rtorrent announce again at once.
/// </summary>
public sealed class SeederPresenceTrackerTests : IAsyncLifetime
{
    private readonly SeedTree tree = new();
    private readonly int port = OpenTracker.ChoosePort();
    private readonly HttpClient http = new();
    private RTorrentDaemon seedbox = null!;

    private string AnnounceUrl => OpenTracker.AnnounceUrl(port);

    public async Task InitializeAsync() =>
        seedbox = await RTorrentDaemon.StartAsync(RTorrentConfigTemplate.Seedbox, unixSocket: false);

    public async Task DisposeAsync()
    {
        await seedbox.DisposeAsync();
        http.Dispose();
        tree.Dispose();
    }

    [Fact]
    public async Task After_an_opentracker_restart_the_next_check_re_announces_and_the_seeder_is_listed_again_within_seconds()
    {
        tree.Package("a-1.0-1-x86_64.pkg.tar.zst", length: 300_000, seed: 1);
        tree.Package("b-1.0-1-x86_64.pkg.tar.zst", length: 500_000, seed: 2);
        var whitelist = tree.Beside("whitelist.txt");
        var published = await CliRun.InvokeAsync(["seed", tree.Root, "--announce", AnnounceUrl, "--whitelist", whitelist]);
        Assert.True(published.ExitCode == 0, published.Error);
        var hashes = (await File.ReadAllLinesAsync(whitelist)).Where(line => line.Length == 40).ToList();
        var scraper = new HttpTrackerScraper(http);
        var scrape = ScrapeUrl.From(AnnounceUrl)!;

        var tracker = await OpenTracker.StartAsync(port, hashes);
        try
        {
            var loaded = await CliRun.InvokeAsync(["seed", tree.Root, "--announce", AnnounceUrl, "--rtorrent", seedbox.Endpoint.ToString()]);
            Assert.True(loaded.ExitCode == 0, loaded.Error + seedbox.Diagnostics());
            await UntilListedAsync(scraper, scrape, hashes, "the seeder's first announce");
            var client = new RTorrentSeedingClient(seedbox.Client);
            var presence = new SeederPresence(client, scraper, TimeProvider.System, NullLogger<SeederPresence>.Instance);
            var whileListed = await presence.CheckAsync([AnnounceUrl], hashes, CancellationToken.None);

            await tracker.DisposeAsync();
            tracker = await OpenTracker.StartAsync(port, hashes);
            var afterRestart = await scraper.ScrapeAsync(scrape, hashes, CancellationToken.None);
            var clock = Stopwatch.StartNew();
            var done = await presence.CheckAsync([AnnounceUrl], hashes, CancellationToken.None);
            await UntilListedAsync(scraper, scrape, hashes, "the re-announce");

            Assert.Null(whileListed);
            Assert.All(hashes, hash => Assert.Equal(0, afterRestart.GetValueOrDefault(hash).Complete));
            Assert.Equal(new Reannouncement(scrape, 2, 2, 2), done);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"listed again after {clock.Elapsed}");
        }
        finally
        {
            await tracker.DisposeAsync();
        }
    }

    private async Task UntilListedAsync(HttpTrackerScraper scraper, Uri scrape, List<string> hashes, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var counts = await scraper.ScrapeAsync(scrape, hashes, CancellationToken.None);
            if (hashes.All(hash => counts.GetValueOrDefault(hash).Complete == 1))
            {
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"opentracker lists no seeder after {what}: {string.Join(", ", counts)}\n{seedbox.Diagnostics()}");
            await Task.Delay(100);
        }
    }
}
