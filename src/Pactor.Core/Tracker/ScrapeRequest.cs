namespace Pactor.Core.Tracker;

/// <summary>A validated scrape (BEP 48): one or more <c>info_hash</c> parameters, duplicates merged.</summary>
public sealed record ScrapeRequest(IReadOnlyList<byte[]> InfoHashes)
{
    /// <exception cref="TrackerRequestException">No hash, a hash that is not 20 bytes, or more than <paramref name="maxHashes"/>.</exception>
    public static ScrapeRequest Parse(TrackerQuery query, int maxHashes)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query.All("info_hash");
        if (values.Count == 0)
        {
            // A full scrape would list every torrent the tracker knows, to anyone.
            throw new TrackerRequestException("scrape needs an info_hash");
        }

        var hashes = new List<byte[]>();
        foreach (var value in values)
        {
            if (value.Length != AnnounceRequest.HashLength)
            {
                throw new TrackerRequestException($"info_hash must be {AnnounceRequest.HashLength} bytes, not {value.Length}");
            }

            if (!hashes.Any(known => known.AsSpan().SequenceEqual(value)))
            {
                hashes.Add(value);
            }
        }

        return hashes.Count <= maxHashes
            ? new ScrapeRequest(hashes)
            : throw new TrackerRequestException($"scrape of more than {maxHashes} info hashes");
    }
}
