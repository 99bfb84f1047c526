using System.Net;
using Pactor.Bencode;

namespace Pactor.Core.Tracker;

/// <summary>
/// The peer table on disk, bencoded: <c>d6:format12:pactor-peers7:versioni1e8:torrentsd20:HASHd10:downloadedi…e5:peersl
/// d2:ip4:ADDR4:lefti…e7:peer id20:…4:porti…e4:seeni…eeeee</c>, addresses as 4 or 16 raw bytes, <c>seen</c> in Unix
/// milliseconds (wall clock: the saved times still mean the same after a reboot).
/// </summary>
public static class PeerTableFile
{
    private const string Format = "pactor-peers";
    private const long Version = 1;

    public static byte[] Write(IEnumerable<SwarmRecord> swarms)
    {
        ArgumentNullException.ThrowIfNull(swarms);
        var torrents = new BDictionary();
        foreach (var swarm in swarms)
        {
            torrents[new BString(Convert.FromHexString(swarm.InfoHashHex))] = new BDictionary
            {
                ["downloaded"] = new BInteger(swarm.Downloaded),
                ["peers"] = new BList(swarm.Peers.Select(Peer)),
            };
        }

        return BencodeWriter.Write(new BDictionary
        {
            ["format"] = new BString(Format),
            ["version"] = new BInteger(Version),
            ["torrents"] = torrents,
        });
    }

    /// <exception cref="PeerTableFileException">Not a peer table of this version, or a field out of shape.</exception>
    public static List<SwarmRecord> Read(ReadOnlySpan<byte> bytes, int maxValues)
    {
        BValue root;
        try
        {
            root = BencodeReader.Read(bytes, maxValues);
        }
        catch (BencodeException e)
        {
            throw new PeerTableFileException($"not bencode: {e.Message}");
        }

        var top = root as BDictionary ?? throw new PeerTableFileException("not a dictionary");
        if (Text(top, "format", "the file") != Format)
        {
            throw new PeerTableFileException($"not a pactor peer table (format is not \"{Format}\")");
        }

        if (Integer(top, "version", "the file") != Version)
        {
            throw new PeerTableFileException($"version {Integer(top, "version", "the file")}, this pactor reads {Version}");
        }

        var torrents = Get<BDictionary>(top, "torrents", "the file");
        var swarms = new List<SwarmRecord>(torrents.Count);
        foreach (var (hash, value) in torrents)
        {
            if (hash.Bytes.Length != 20)
            {
                throw new PeerTableFileException($"an info hash of {hash.Bytes.Length} bytes, not 20");
            }

            var hex = Convert.ToHexString(hash.Bytes.Span);
            var swarm = value as BDictionary ?? throw new PeerTableFileException($"torrent {hex} is not a dictionary");
            var downloaded = Integer(swarm, "downloaded", $"torrent {hex}");
            var peers = Get<BList>(swarm, "peers", $"torrent {hex}")
                .Select((peer, index) => Peer(peer as BDictionary ?? throw new PeerTableFileException($"torrent {hex}, peer {index} is not a dictionary"), $"torrent {hex}, peer {index}"))
                .ToList();
            swarms.Add(new SwarmRecord(hex, downloaded < 0 ? throw new PeerTableFileException($"torrent {hex}: negative downloaded") : downloaded, peers));
        }

        return swarms;
    }

    private static BDictionary Peer(TrackerPeer peer) => new()
    {
        ["ip"] = new BString(peer.Endpoint.Address.GetAddressBytes()),
        ["left"] = new BInteger(peer.Left),
        ["peer id"] = new BString(peer.PeerId),
        ["port"] = new BInteger(peer.Endpoint.Port),
        ["seen"] = new BInteger(peer.LastSeen.ToUnixTimeMilliseconds()),
    };

    private static TrackerPeer Peer(BDictionary peer, string where)
    {
        var address = Get<BString>(peer, "ip", where).Bytes;
        if (address.Length is not (4 or 16))
        {
            throw new PeerTableFileException($"{where}: an address of {address.Length} bytes");
        }

        var port = Integer(peer, "port", where);
        var left = Integer(peer, "left", where);
        var seen = Integer(peer, "seen", where);
        var peerId = Get<BString>(peer, "peer id", where).Bytes;
        if (port is < 1 or > 65535 || left < 0 || peerId.Length != 20
            || seen < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || seen > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new PeerTableFileException($"{where}: port, left, peer id or seen out of range");
        }

        return new TrackerPeer(new IPEndPoint(new IPAddress(address.Span), (int)port), peerId.ToArray(), left, DateTimeOffset.FromUnixTimeMilliseconds(seen));
    }

    private static T Get<T>(BDictionary dictionary, string key, string where)
        where T : BValue =>
        dictionary.TryGetValue(key, out var value) && value is T typed
            ? typed
            : throw new PeerTableFileException($"{where}: no {typeof(T).Name[1..].ToLowerInvariant()} \"{key}\"");

    private static long Integer(BDictionary dictionary, string key, string where) => Get<BInteger>(dictionary, key, where).Value;

    private static string Text(BDictionary dictionary, string key, string where) => Get<BString>(dictionary, key, where).Text;
}
