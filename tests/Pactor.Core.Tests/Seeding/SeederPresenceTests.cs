using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pactor.Core.Seeding;
using Pactor.Core.Swarm;
using Pactor.Core.Tracker;

namespace Pactor.Core.Tests.Seeding;

/// <summary>A tracker that lost the seedbox (restarted, peers in memory only) gets it back at the next check, not in 30 min.</summary>
public sealed class SeederPresenceTests
{
    private const string Announce = "http://127.0.0.10:8001/announce";
    private static readonly Uri Scrape = new("http://127.0.0.10:8001/scrape");
    private readonly FakeSeedingClient client = new();
    private readonly Mock<ITrackerScraper> scraper = new(MockBehavior.Strict);
    private readonly FakeTimeProvider time = new();
    private readonly Dictionary<string, SwarmCounts> listed = new(StringComparer.Ordinal);

    public SeederPresenceTests() =>
        scraper.Setup(s => s.ScrapeAsync(Scrape, It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Uri _, IReadOnlyList<string> hashes, CancellationToken _) =>
                hashes.Where(listed.ContainsKey).ToDictionary(hash => hash, hash => listed[hash]));

    [Fact]
    public async Task A_tracker_that_lists_the_seeder_is_left_alone()
    {
        var hashes = Seed(3);
        ListAsSeeded(hashes);
        var presence = Presence();

        await presence.CheckAsync([Announce], hashes, CancellationToken.None);
        var second = await presence.CheckAsync([Announce], hashes, CancellationToken.None);

        Assert.Null(second);
        Assert.Empty(client.Announced);
        scraper.Verify(s => s.ScrapeAsync(Scrape, It.Is<IReadOnlyList<string>>(h => h.Count == 3), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_tracker_that_lost_its_peers_gets_every_complete_download_announced_again()
    {
        var hashes = Seed(3);
        client.Add(new SeededDownload(Hash(9), "pactor-seed", "/srv/mirror/core/os/x86_64", IsComplete: false));
        var presence = Presence();
        await presence.CheckAsync([Announce], [.. hashes, Hash(9)], CancellationToken.None);

        var done = await presence.CheckAsync([Announce], [.. hashes, Hash(9)], CancellationToken.None);

        Assert.Equal(new Reannouncement(Scrape, 3, 3, 3), done);
        Assert.Equal(hashes.Order(), Assert.Single(client.Announced).Order());
    }

    [Fact]
    public async Task One_missing_seeder_in_the_sample_is_enough_and_the_whole_seedbox_is_re_announced()
    {
        var hashes = Seed(100);
        ListAsSeeded(hashes.Skip(1));
        var presence = Presence();
        await presence.CheckAsync([Announce], hashes, CancellationToken.None);

        var done = await presence.CheckAsync([Announce], hashes, CancellationToken.None);

        Assert.Equal(new Reannouncement(Scrape, 1, SeederPresence.SampleSize, 100), done);
    }

    [Fact]
    public async Task A_download_that_just_completed_is_not_checked_before_it_had_time_to_announce()
    {
        var presence = Presence();
        await presence.CheckAsync([Announce], [], CancellationToken.None);
        var hashes = Seed(2);

        var first = await presence.CheckAsync([Announce], hashes, CancellationToken.None);

        Assert.Null(first);
        scraper.Verify(s => s.ScrapeAsync(It.IsAny<Uri>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_tracker_that_still_lists_nobody_is_not_flooded_but_asked_again_after_the_cooldown()
    {
        var hashes = Seed(2);
        var presence = Presence();
        await presence.CheckAsync([Announce], hashes, CancellationToken.None);
        await presence.CheckAsync([Announce], hashes, CancellationToken.None);

        time.Advance(SeederPresence.ReannounceCooldown - TimeSpan.FromSeconds(1));
        var during = await presence.CheckAsync([Announce], hashes, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        var after = await presence.CheckAsync([Announce], hashes, CancellationToken.None);

        Assert.Null(during);
        Assert.NotNull(after);
        Assert.Equal(2, client.Announced.Count);
    }

    [Fact]
    public async Task The_sample_rotates_so_every_torrent_is_checked_in_turn()
    {
        var hashes = Seed(150);
        ListAsSeeded(hashes);
        var asked = new List<string>();
        scraper.Setup(s => s.ScrapeAsync(Scrape, It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .Callback((Uri _, IReadOnlyList<string> sample, CancellationToken _) => asked.AddRange(sample))
            .ReturnsAsync((Uri _, IReadOnlyList<string> sample, CancellationToken _) => sample.ToDictionary(hash => hash, hash => listed[hash]));
        var presence = Presence();

        for (var i = 0; i < 4; i++)
        {
            await presence.CheckAsync([Announce], hashes, CancellationToken.None);
        }

        Assert.Equal(3 * SeederPresence.SampleSize, asked.Count);
        Assert.Equal(hashes.Order(), asked.Distinct().Order());
    }

    [Fact]
    public async Task A_tracker_that_cannot_be_scraped_is_passed_over_and_udp_trackers_are_not_asked()
    {
        var hashes = Seed(2);
        scraper.Setup(s => s.ScrapeAsync(Scrape, It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TrackerScrapeException("connection refused"));
        var presence = Presence();
        await presence.CheckAsync(["udp://127.0.0.1:6969/announce", Announce], hashes, CancellationToken.None);

        var done = await presence.CheckAsync(["udp://127.0.0.1:6969/announce", Announce], hashes, CancellationToken.None);

        Assert.Null(done);
        Assert.Empty(client.Announced);
    }

    [Fact]
    public async Task An_unreachable_client_is_the_caller_s_to_report()
    {
        var presence = Presence();
        client.Unavailable = true;

        var e = await Assert.ThrowsAsync<TorrentClientException>(() => presence.CheckAsync([Announce], [], CancellationToken.None));

        Assert.True(e.IsUnavailable);
    }

    private SeederPresence Presence() => new(client, scraper.Object, time, NullLogger<SeederPresence>.Instance);

    private List<string> Seed(int count)
    {
        var hashes = Enumerable.Range(0, count).Select(Hash).ToList();
        foreach (var hash in hashes)
        {
            client.Add(new SeededDownload(hash, "pactor-seed", "/srv/mirror/core/os/x86_64", IsComplete: true));
        }

        return hashes;
    }

    private void ListAsSeeded(IEnumerable<string> hashes)
    {
        foreach (var hash in hashes)
        {
            listed[hash] = new SwarmCounts(1, 0, 0);
        }
    }

    private static string Hash(int n) => n.ToString("X40", System.Globalization.CultureInfo.InvariantCulture);
}
