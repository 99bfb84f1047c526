using System.Globalization;
using Pactor.Bencode;

namespace Pactor.EndToEnd.Tests.Fixtures.Swarm;

/// <summary>
/// What a tracker says about one torrent: <c>GET /scrape?info_hash=…</c> (BEP 48), read with pactor's bencode
/// reader. <see cref="Complete"/> counts the seeders it lists, <see cref="Incomplete"/> the downloaders.
/// A torrent the tracker does not know (nobody announced, or all forgotten) is all zeros.
/// </summary>
public sealed record TrackerScrape(long Complete, long Incomplete, long Downloaded)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <param name="tracker">The tracker's base URL; <c>scrape</c> is resolved against it.</param>
    /// <param name="infoHash">40 hex digits.</param>
    public static async Task<TrackerScrape> ReadAsync(Uri tracker, string infoHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var hash = Convert.FromHexString(infoHash);
        // Every byte percent-encoded: the raw 20 bytes, not UTF-8 text.
        var url = new Uri(tracker, "scrape?info_hash=" + string.Concat(hash.Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture))));
        var body = await Http.GetByteArrayAsync(url, cancellationToken);
        var answer = (BDictionary)BencodeReader.Read(body);
        if (answer.TryGetValue("failure reason", out var failure))
        {
            Assert.Fail($"{url}: failure reason \"{((BString)failure).Text}\"");
        }

        if (!((BDictionary)answer["files"]).TryGetValue(new BString(hash), out var entry))
        {
            return new TrackerScrape(0, 0, 0);
        }

        var counts = (BDictionary)entry;
        return new TrackerScrape(Count(counts, "complete"), Count(counts, "incomplete"), Count(counts, "downloaded"));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"complete {Complete}, incomplete {Incomplete}, downloaded {Downloaded}");

    private static long Count(BDictionary counts, string key) => ((BInteger)counts[key]).Value;
}
