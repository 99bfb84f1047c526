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
    /// leechers (another seeder has nothing for it), and a leecher gets only seeders while there are any.
    /// </summary>
    /// <remarks>
    /// Why not leechers to leechers: rtorrent 0.9.8 (libtorrent 0.13.8) tells a peer about a piece it completed
    /// (HAVE) only when it writes to that connection for another reason, and two leechers that connected with nothing
    /// for each other never write, so neither learns what the other gets afterwards; rtorrent also refuses to dial a
    /// peer again within 600 s of their last handshake, so such a connection also keeps them from meeting later, when
    /// one of them is complete. Eight pactors fetching a package at once all took it from the seedbox that way
    /// (bench/README.md, "4. Offload"). Handed only seeders, a leecher connects to each peer once it is complete and
    /// its first message (the full bitfield) is all it needs; a client that completes is announced by pactor and
    /// then dials the leechers the tracker gives it. A swarm without a seeder still gets its leechers.
    /// </remarks>
    public List<TrackerPeer> Pick(IPEndPoint self, bool forSeeder, int count, Random random)
    {
        var others = peers.Values.Where(peer => !peer.Endpoint.Equals(self));
        var candidates = forSeeder ? others.Where(peer => !peer.IsSeed).ToList()
            : others.Any(peer => peer.IsSeed) ? others.Where(peer => peer.IsSeed).ToList()
            : others.ToList();
        // Partial Fisher-Yates: the first `count` places get a uniform sample.
        for (var i = 0; i < Math.Min(count, candidates.Count); i++)
        {
            var j = random.Next(i, candidates.Count);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }

        return candidates.Count > count ? candidates[..count] : candidates;
    }
}
