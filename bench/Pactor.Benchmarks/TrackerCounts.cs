using System.Text;
using Pactor.Bencode;

namespace Pactor.Benchmarks;

/// <summary>
/// What a tracker says it knows of some torrents: <c>GET /scrape?info_hash=…</c> (BEP 48), one call for all of them.
/// Peers a tracker has forgotten are not counted, so this shows whether a new download would get any peer at all.
/// </summary>
public static class TrackerCounts
{
    /// <param name="scrapeUrl">e.g. <c>http://127.0.0.10:PORT/scrape</c>.</param>
    /// <param name="infoHashes">40-hex info hashes (at most the tracker's scrape limit, 64 for pactor's).</param>
    /// <returns>Seeders (<c>complete</c>) and leechers (<c>incomplete</c>) by upper-case info hash; a hash the tracker left out is missing.</returns>
    public static async Task<IReadOnlyDictionary<string, (long Seeders, long Leechers)>> ReadAsync(HttpClient http, Uri scrapeUrl, IEnumerable<string> infoHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(scrapeUrl);
        // info_hash is the raw 20 bytes, every one percent-encoded.
        var query = string.Join('&', infoHashes.Select(hash => "info_hash=" + string.Concat(Convert.FromHexString(hash).Select(b => $"%{b:X2}"))));
        var body = await http.GetByteArrayAsync(new Uri($"{scrapeUrl}?{query}"), cancellationToken);
        if (BencodeReader.Read(body) is not BDictionary answer || !answer.TryGetValue("files", out var files) || files is not BDictionary byHash)
        {
            throw new InvalidOperationException($"scrape answer without \"files\": {Encoding.UTF8.GetString(body)}");
        }

        var counts = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var (hash, value) in byHash)
        {
            if (value is BDictionary file && file["complete"] is BInteger complete && file["incomplete"] is BInteger incomplete)
            {
                counts[Convert.ToHexString(hash.Bytes.Span)] = (complete.Value, incomplete.Value);
            }
        }

        return counts;
    }
}
