namespace Pactor.Core.Tracker;

/// <summary>The table as <see cref="PeerTableStore"/> saves and restores it across restarts.</summary>
public sealed partial class PeerTable
{
    /// <summary>Every torrent with its live peers (expired ones are dropped first), for saving.</summary>
    public List<SwarmRecord> Export()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            Sweep(now);
            return [.. torrents.Select(pair => new SwarmRecord(pair.Key, pair.Value.Downloaded, [.. pair.Value.Peers]))];
        }
    }

    /// <summary>
    /// Adds saved peers that have not expired by now, within the caps (the rest is left out); a peer the table
    /// already heard from keeps its newer entry. Returns how many peers were added.
    /// </summary>
    public int Import(IEnumerable<SwarmRecord> swarms)
    {
        ArgumentNullException.ThrowIfNull(swarms);
        var now = time.GetUtcNow();
        var cutoff = now - options.PeerTimeout;
        var added = 0;
        lock (gate)
        {
            Interlocked.Increment(ref changes);
            foreach (var swarm in swarms)
            {
                // A time ahead of now (the clock was stepped back since) counts as now: it must not outlive the timeout.
                var live = swarm.Peers
                    .Where(peer => peer.LastSeen >= cutoff)
                    .Select(peer => peer.LastSeen > now ? peer with { LastSeen = now } : peer)
                    .ToList();
                var torrent = torrents.GetValueOrDefault(swarm.InfoHashHex);
                if (live.Count == 0 || (torrent is null && torrents.Count >= options.MaxTorrents))
                {
                    continue;
                }

                if (torrent is null)
                {
                    torrent = new TrackedTorrent();
                    torrents.Add(swarm.InfoHashHex, torrent);
                }

                torrent.Downloaded = Math.Max(torrent.Downloaded, swarm.Downloaded);
                foreach (var peer in live)
                {
                    if (torrent.Find(peer.Endpoint) is { } known)
                    {
                        if (known.LastSeen < peer.LastSeen)
                        {
                            torrent.Upsert(peer);
                        }
                    }
                    else if (peerCount < options.MaxPeers && torrent.Count < options.MaxPeersPerTorrent)
                    {
                        torrent.Upsert(peer);
                        peerCount++;
                        added++;
                    }
                }

                DropIfEmpty(swarm.InfoHashHex, torrent);
            }
        }

        return added;
    }
}
