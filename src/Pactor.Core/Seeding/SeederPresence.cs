using Microsoft.Extensions.Logging;
using Pactor.Core.Tracker;

namespace Pactor.Core.Seeding;

/// <summary>
/// Keeps the seedbox listed by its trackers (<c>pactor seed --watch</c>, after each scan). rtorrent re-announces a
/// seeding download every 30 min (10 at best), so a tracker that lost its peers (opentracker keeps them in memory
/// only; a restarted tracker without its saved table) would hand out an empty swarm until then. Each check scrapes a
/// rotating sample of the torrents this seedbox has seeded complete since the last check; when a tracker lists no
/// seeder for one of them, every such download is re-announced at once. At most once per
/// <see cref="ReannounceCooldown"/> per tracker, so one that refuses the announces (a hash not on its whitelist) is
/// not flooded.
/// </summary>
public sealed partial class SeederPresence(ISeedingClient client, ITrackerScraper scraper, TimeProvider time, ILogger<SeederPresence> logger)
{
    /// <summary>Hashes per scrape: pactor's tracker answers at most 64 at once.</summary>
    public const int SampleSize = 64;

    public static readonly TimeSpan ReannounceCooldown = TimeSpan.FromMinutes(10);

    private readonly Dictionary<Uri, long> lastReannounce = [];
    private HashSet<string> completeBefore = new(StringComparer.Ordinal);
    private int cursor;

    /// <param name="announce">The torrents' tracker URLs; those without an HTTP scrape are passed over.</param>
    /// <param name="published">The info hashes this seedbox publishes (upper case).</param>
    /// <returns>The re-announcement made, or null when every tracker listed the sample (or could not be asked).</returns>
    /// <exception cref="Swarm.TorrentClientException">The client cannot be reached.</exception>
    public async Task<Reannouncement?> CheckAsync(IReadOnlyList<string> announce, IReadOnlyCollection<string> published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(announce);
        ArgumentNullException.ThrowIfNull(published);
        var wanted = published.ToHashSet(StringComparer.Ordinal);
        var complete = (await client.ListAsync(cancellationToken))
            .Where(download => download.IsComplete && wanted.Contains(download.Hash))
            .Select(download => download.Hash)
            .ToHashSet(StringComparer.Ordinal);

        // Complete at the last check too: one that just finished its hash check may not have announced yet.
        var settled = complete.Where(completeBefore.Contains).Order(StringComparer.Ordinal).ToList();
        completeBefore = complete;
        if (settled.Count == 0)
        {
            return null;
        }

        var sample = Sample(settled);
        foreach (var tracker in announce.Select(ScrapeUrl.From).OfType<Uri>().Distinct())
        {
            if (lastReannounce.TryGetValue(tracker, out var at) && time.GetElapsedTime(at) < ReannounceCooldown)
            {
                continue;
            }

            IReadOnlyDictionary<string, SwarmCounts> counts;
            try
            {
                counts = await scraper.ScrapeAsync(tracker, sample, cancellationToken);
            }
            catch (TrackerScrapeException e)
            {
                LogScrapeFailed(tracker, e.Message);
                continue;
            }

            var missing = sample.Count(hash => !counts.TryGetValue(hash, out var swarm) || swarm.Complete == 0);
            if (missing > 0)
            {
                // d.tracker_announce announces to every tracker of the torrent: one re-announcement serves them all.
                lastReannounce[tracker] = time.GetTimestamp();
                var announced = await client.AnnounceAsync(settled, cancellationToken);
                LogReannounced(tracker, missing, sample.Count, announced);
                return new Reannouncement(tracker, missing, sample.Count, announced);
            }
        }

        return null;
    }

    private List<string> Sample(List<string> settled)
    {
        if (settled.Count <= SampleSize)
        {
            return settled;
        }

        var start = cursor % settled.Count;
        cursor = (start + SampleSize) % settled.Count;
        return [.. Enumerable.Range(start, SampleSize).Select(i => settled[i % settled.Count])];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot scrape {Tracker}: {Reason}")]
    private partial void LogScrapeFailed(Uri tracker, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Tracker} listed no seeder for {Missing} of {Sampled} sampled torrents: re-announced {Announced}")]
    private partial void LogReannounced(Uri tracker, int missing, int sampled, int announced);
}
