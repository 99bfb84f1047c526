using System.Net;

namespace Pactor.Core.Tracker;

/// <summary>The peers of one info hash. Not thread-safe: <see cref="PeerTable"/> holds its lock around every call.</summary>
internal sealed class TrackedTorrent
{
    private readonly Dictionary<IPEndPoint, TrackerPeer> peers = [];

    public int Count => peers.Count;

    public long Downloaded { get; set; }

    public IEnumerable<TrackerPeer> Peers => peers.Values;

    public TrackerPeer? Find(IPEndPoint endpoint) => peers.GetValueOrDefault(endpoint);

    /// <summary>True when the peer is new.</summary>
    public bool Upsert(TrackerPeer peer)
    {
        var added = !peers.ContainsKey(peer.Endpoint);
        peers[peer.Endpoint] = peer;
        return added;
    }

    public bool Remove(IPEndPoint endpoint) => peers.Remove(endpoint);

    /// <summary>Forgets the peers last seen before <paramref name="cutoff"/>; returns how many.</summary>
    public int RemoveSeenBefore(DateTimeOffset cutoff)
    {
        var removed = 0;
        foreach (var (endpoint, peer) in peers)
        {
            if (peer.LastSeen < cutoff)
            {
                peers.Remove(endpoint);
                removed++;
            }
        }

        return removed;
    }

    public SwarmCounts Counts()
    {
        var seeds = peers.Values.Count(peer => peer.IsSeed);
        return new SwarmCounts(seeds, peers.Count - seeds, Downloaded);
    }

    /// <summary>
    /// Up to <paramref name="count"/> peers at random, never <paramref name="self"/>; a seeder gets only
    /// leechers (another seeder has nothing for it).
    /// </summary>
    public List<TrackerPeer> Pick(IPEndPoint self, bool forSeeder, int count, Random random)
    {
        var candidates = peers.Values.Where(peer => !peer.Endpoint.Equals(self) && !(forSeeder && peer.IsSeed)).ToList();
        // Partial Fisher-Yates: the first `count` places get a uniform sample.
        for (var i = 0; i < Math.Min(count, candidates.Count); i++)
        {
            var j = random.Next(i, candidates.Count);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }

        return candidates.Count > count ? candidates[..count] : candidates;
    }
}
