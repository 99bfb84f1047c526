using System.Globalization;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>What <see cref="SeedboxStack.ScrapeUntilAsync"/> saw: the last answer, whether the condition held, after how many scrapes and how long.</summary>
public sealed record ScrapeWait(TrackerScrape Last, bool Met, int Scrapes, TimeSpan Elapsed)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Met ? "met" : "NOT met")} after {Scrapes} scrape(s), {Elapsed.TotalMilliseconds:0} ms; last: {Last}");
}
