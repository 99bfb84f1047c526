using System.Net;
using Microsoft.Extensions.Logging;

namespace Pactor.Core.Tracker;

/// <summary>
/// The BitTorrent tracker behind <c>/announce</c> and <c>/scrape</c>: raw query string in, bencoded body
/// out. Every refusal is a <c>failure reason</c> body (the host answers it with HTTP 200).
/// </summary>
public sealed class PeerTracker
{
    private readonly TrackerOptions options;

    public PeerTracker(TrackerOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        this.options = options;
        Peers = new PeerTable(options, time);
        Whitelist = options.WhitelistFile is { Length: > 0 } file
            ? new TrackerWhitelist(file, time, loggers.CreateLogger<TrackerWhitelist>())
            : null;
    }

    public PeerTable Peers { get; }

    /// <summary>Null when every info hash is tracked.</summary>
    public TrackerWhitelist? Whitelist { get; }

    /// <param name="rawQuery">The query exactly as received, still percent-encoded.</param>
    /// <param name="remote">The connection's peer address: the only address a peer is listed under.</param>
    public byte[] Announce(string? rawQuery, IPAddress? remote)
    {
        try
        {
            var request = AnnounceRequest.Parse(TrackerQuery.Parse(rawQuery));
            if (Whitelist is not null && !Whitelist.Allows(request.InfoHashHex))
            {
                throw new TrackerRequestException("unregistered torrent: not published by this tracker");
            }

            var address = remote ?? throw new TrackerRequestException("no peer address");
            return TrackerResponse.Announce(Peers.Announce(request, address), options, request.Compact, request.NoPeerId);
        }
        catch (TrackerRequestException e)
        {
            return TrackerResponse.Failure(e.Message);
        }
    }

    /// <summary>Counts for each requested hash; hashes off the whitelist are left out.</summary>
    public byte[] Scrape(string? rawQuery)
    {
        try
        {
            var request = ScrapeRequest.Parse(TrackerQuery.Parse(rawQuery), options.MaxScrapeHashes);
            var files = request.InfoHashes
                .Select(hash => (Hash: hash, Hex: Convert.ToHexString(hash)))
                .Where(hash => Whitelist is null || Whitelist.Allows(hash.Hex))
                .Select(hash => KeyValuePair.Create(hash.Hash, Peers.Scrape(hash.Hex)));
            return TrackerResponse.Scrape(files);
        }
        catch (TrackerRequestException e)
        {
            return TrackerResponse.Failure(e.Message);
        }
    }
}
