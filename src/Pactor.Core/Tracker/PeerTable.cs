using System.Net;

namespace Pactor.Core.Tracker;

/// <summary>
/// Every torrent's peers, in memory. Peers expire <see cref="TrackerOptions.PeerTimeout"/> after their last
/// announce (each torrent is swept when announced to, the whole table once an interval); torrents, peers and
/// peers per torrent are capped, and a new one past a cap is refused, so a flood cannot grow memory.
/// <see cref="Export"/> and <see cref="Import"/> carry it across a restart (<see cref="PeerTableStore"/>).
/// </summary>
public sealed partial class PeerTable(TrackerOptions options, TimeProvider time, Random? random = null)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, TrackedTorrent> torrents = new(StringComparer.Ordinal);
    private readonly Random random = random ?? Random.Shared;
    private int peerCount;
    private long changes;
    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    public int TorrentCount
    {
        get
        {
            lock (gate)
            {
                return torrents.Count;
            }
        }
    }

    public int PeerCount
    {
        get
        {
            lock (gate)
            {
                return peerCount;
            }
        }
    }

    /// <summary>Goes up with every announce and expiry: a saver compares it to know whether the table changed.</summary>
    public long Changes => Interlocked.Read(ref changes);

    /// <summary>Records the announcing peer (or forgets it on <c>stopped</c>) and picks peers for it.</summary>
    /// <param name="address">Where the announce came from; IPv4-mapped IPv6 addresses count as IPv4.</param>
    /// <exception cref="TrackerRequestException">The table is full.</exception>
    public AnnounceResult Announce(AnnounceRequest request, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(address);
        var now = time.GetUtcNow();
        var endpoint = new IPEndPoint(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, request.Port);
        var key = request.InfoHashHex;
        lock (gate)
        {
            Interlocked.Increment(ref changes);
            SweepIfDue(now);
            var torrent = torrents.GetValueOrDefault(key);
            if (torrent is not null)
            {
                peerCount -= torrent.RemoveSeenBefore(now - options.PeerTimeout);
            }

            if (request.Event == AnnounceEvent.Stopped)
            {
                if (torrent is not null && torrent.Remove(endpoint))
                {
                    peerCount--;
                }

                var counts = torrent?.Counts() ?? default;
                DropIfEmpty(key, torrent);
                return new AnnounceResult([], counts);
            }

            var known = torrent?.Find(endpoint);
            if (known is null)
            {
                EnsureRoomForPeer(torrent, now);
            }

            if (torrent is null)
            {
                torrent = new TrackedTorrent();
                torrents.Add(key, torrent);
            }

            // Counted once per peer: a seeder that repeats "completed" does not inflate the figure.
            if (request.Event == AnnounceEvent.Completed && known is not { IsSeed: true })
            {
                torrent.Downloaded++;
            }

            if (torrent.Upsert(new TrackerPeer(endpoint, request.PeerId, request.Left, now)))
            {
                peerCount++;
            }

            var wanted = Math.Min(request.NumWant ?? options.DefaultNumWant, options.MaxNumWant);
            return new AnnounceResult(torrent.Pick(endpoint, request.IsSeeding, wanted, random), torrent.Counts());
        }
    }

    /// <summary>The counts of one torrent (zeros for one nobody announced).</summary>
    public SwarmCounts Scrape(string infoHashHex)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (torrents.GetValueOrDefault(infoHashHex) is not { } torrent)
            {
                return default;
            }

            peerCount -= torrent.RemoveSeenBefore(now - options.PeerTimeout);
            var counts = torrent.Counts();
            DropIfEmpty(infoHashHex, torrent);
            return counts;
        }
    }

    private void EnsureRoomForPeer(TrackedTorrent? torrent, DateTimeOffset now)
    {
        if (Full(torrent))
        {
            // At most once a second: under a flood each sweep walks the whole (full) table.
            if (now - lastSweep >= TimeSpan.FromSeconds(1))
            {
                Sweep(now);
            }

            if (Full(torrent))
            {
                throw new TrackerRequestException("tracker full, try again later");
            }
        }
    }

    private bool Full(TrackedTorrent? torrent) =>
        peerCount >= options.MaxPeers
        || (torrent is null ? torrents.Count >= options.MaxTorrents : torrent.Count >= options.MaxPeersPerTorrent);

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now - lastSweep >= options.Interval)
        {
            Sweep(now);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        lastSweep = now;
        var cutoff = now - options.PeerTimeout;
        foreach (var (key, torrent) in torrents)
        {
            peerCount -= torrent.RemoveSeenBefore(cutoff);
            DropIfEmpty(key, torrent);
        }
    }

    // An empty torrent is forgotten with its completed count: the table holds swarms, not history.
    private void DropIfEmpty(string key, TrackedTorrent? torrent)
    {
        if (torrent is { Count: 0 })
        {
            torrents.Remove(key);
        }
    }
}
