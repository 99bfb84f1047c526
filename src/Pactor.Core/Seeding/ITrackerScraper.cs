using Pactor.Core.Tracker;

namespace Pactor.Core.Seeding;

/// <summary>Asks a tracker what it knows of some torrents; the host implements it over HTTP.</summary>
public interface ITrackerScraper
{
    /// <param name="scrapeUrl">From <see cref="ScrapeUrl.From"/>.</param>
    /// <param name="hashes">Upper-case info hashes, at most <see cref="SeederPresence.SampleSize"/>.</param>
    /// <exception cref="TrackerScrapeException">No usable answer.</exception>
    Task<IReadOnlyDictionary<string, SwarmCounts>> ScrapeAsync(Uri scrapeUrl, IReadOnlyList<string> hashes, CancellationToken cancellationToken);
}
