using Pactor.Bencode;

namespace Pactor.Core.Tracker;

/// <summary>Reads a scrape answer (<c>d5:filesd20:HASHd8:completei…e10:downloadedi…e10:incompletei…eeee</c>).</summary>
public static class ScrapeAnswer
{
    /// <returns>Counts by upper-case info hash; a hash the tracker left out is absent.</returns>
    /// <exception cref="TrackerScrapeException">A <c>failure reason</c>, or not a scrape answer.</exception>
    public static IReadOnlyDictionary<string, SwarmCounts> Parse(ReadOnlySpan<byte> body)
    {
        BDictionary answer;
        try
        {
            answer = BencodeReader.Read(body, 100_000) as BDictionary ?? throw new TrackerScrapeException("the scrape answer is not a dictionary");
        }
        catch (BencodeException e)
        {
            throw new TrackerScrapeException($"the scrape answer is not bencode: {e.Message}", e);
        }

        if (answer.TryGetValue("failure reason", out var failure))
        {
            throw new TrackerScrapeException($"the tracker refused the scrape: {(failure as BString)?.Text}");
        }

        if (!answer.TryGetValue("files", out var value) || value is not BDictionary files)
        {
            throw new TrackerScrapeException("the scrape answer has no \"files\"");
        }

        var counts = new Dictionary<string, SwarmCounts>(StringComparer.Ordinal);
        foreach (var (hash, entry) in files)
        {
            if (hash.Bytes.Length == 20 && entry is BDictionary fields)
            {
                counts[Convert.ToHexString(hash.Bytes.Span)] = new SwarmCounts((int)Math.Min(Count(fields, "complete"), int.MaxValue), (int)Math.Min(Count(fields, "incomplete"), int.MaxValue), Count(fields, "downloaded"));
            }
        }

        return counts;
    }

    // A field a tracker leaves out counts as 0 (some omit "downloaded").
    private static long Count(BDictionary fields, string key) => fields.TryGetValue(key, out var value) && value is BInteger count ? count.Value : 0;
}
