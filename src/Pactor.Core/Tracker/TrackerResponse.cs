using System.Buffers.Binary;
using System.Net.Sockets;
using Pactor.Bencode;

namespace Pactor.Core.Tracker;

/// <summary>The bencoded bodies of announce and scrape answers, in canonical (sorted-key) form.</summary>
public static class TrackerResponse
{
    /// <summary><c>d14:failure reason…e</c>: a refusal the client shows to its user.</summary>
    public static byte[] Failure(string reason) =>
        BencodeWriter.Write(new BDictionary { ["failure reason"] = new BString(reason) });

    /// <summary>
    /// Compact: <c>peers</c> is 6 bytes per IPv4 peer (BEP 23) and <c>peers6</c> 18 bytes per IPv6 peer (BEP 7),
    /// address then port in network order. Otherwise <c>peers</c> is a list of <c>{ip, peer id, port}</c>.
    /// </summary>
    public static byte[] Announce(AnnounceResult result, TrackerOptions options, bool compact, bool noPeerId)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var body = new BDictionary
        {
            ["interval"] = new BInteger((long)options.Interval.TotalSeconds),
            ["min interval"] = new BInteger((long)options.MinInterval.TotalSeconds),
            ["complete"] = new BInteger(result.Counts.Complete),
            ["incomplete"] = new BInteger(result.Counts.Incomplete),
        };
        if (compact)
        {
            body["peers"] = new BString(Compact(result.Peers, AddressFamily.InterNetwork));
            var peers6 = Compact(result.Peers, AddressFamily.InterNetworkV6);
            if (peers6.Length > 0)
            {
                body["peers6"] = new BString(peers6);
            }
        }
        else
        {
            body["peers"] = new BList(result.Peers.Select(peer => Dictionary(peer, noPeerId)));
        }

        return BencodeWriter.Write(body);
    }

    /// <summary><c>d5:filesd20:HASHd8:completei…e10:downloadedi…e10:incompletei…eeee</c>.</summary>
    public static byte[] Scrape(IEnumerable<KeyValuePair<byte[], SwarmCounts>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var byHash = new BDictionary();
        foreach (var (hash, counts) in files)
        {
            byHash[new BString(hash)] = new BDictionary
            {
                ["complete"] = new BInteger(counts.Complete),
                ["downloaded"] = new BInteger(counts.Downloaded),
                ["incomplete"] = new BInteger(counts.Incomplete),
            };
        }

        return BencodeWriter.Write(new BDictionary { ["files"] = byHash });
    }

    private static byte[] Compact(IReadOnlyList<TrackerPeer> peers, AddressFamily family)
    {
        var size = family == AddressFamily.InterNetwork ? 4 : 16;
        var matching = peers.Where(peer => peer.Endpoint.AddressFamily == family).ToList();
        var bytes = new byte[matching.Count * (size + 2)];
        for (var i = 0; i < matching.Count; i++)
        {
            var slot = bytes.AsSpan(i * (size + 2), size + 2);
            matching[i].Endpoint.Address.TryWriteBytes(slot, out _);
            BinaryPrimitives.WriteUInt16BigEndian(slot[size..], (ushort)matching[i].Endpoint.Port);
        }

        return bytes;
    }

    private static BDictionary Dictionary(TrackerPeer peer, bool noPeerId)
    {
        var entry = new BDictionary
        {
            ["ip"] = new BString(peer.Endpoint.Address.ToString()),
            ["port"] = new BInteger(peer.Endpoint.Port),
        };
        if (!noPeerId)
        {
            entry["peer id"] = new BString(peer.PeerId);
        }

        return entry;
    }
}
