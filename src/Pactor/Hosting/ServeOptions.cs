using Microsoft.Extensions.Configuration;
using Pactor.Core.Mirror;
using Pactor.Core.Tracker;

namespace Pactor.Hosting;

/// <summary>
/// The host's own settings, in the same <c>Pactor</c> section as the mirror's
/// (<see cref="Core.Mirror.MirrorOptions"/>); validated by <see cref="ServeOptionsValidator"/>.
/// </summary>
public sealed class ServeOptions
{
    public const string DefaultListen = "http://127.0.0.1:8001";

    public const string DefaultMirrorList = "/etc/pacman.d/mirrorlist";

    /// <summary>Where pacman reaches pactor: <c>http://IP:PORT</c> or <c>http://localhost:PORT</c>.</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>The external rtorrent's XML-RPC endpoint (<c>scgi://HOST:PORT</c>, <c>scgi:///SOCKET</c>, <c>http(s)://…</c>).</summary>
    public string? RTorrent { get; set; }

    /// <summary>The address pactor's own rtorrent (without <see cref="RTorrent"/>) uses for peers.</summary>
    public string RTorrentBind { get; set; } = "127.0.0.1";

    /// <summary>The peer port of pactor's own rtorrent; 0 picks a free one.</summary>
    public int RTorrentPort { get; set; }

    /// <summary>pacman's mirror list, read for upstreams when none is configured.</summary>
    public string MirrorList { get; set; } = DefaultMirrorList;

    /// <summary>
    /// Behind nginx: the path prefix (<c>/_pactor/</c>) of an <c>internal</c> nginx location whose
    /// <c>alias</c> is the cache directory. Files are then answered with <c>X-Accel-Redirect</c> and nginx
    /// sends them; unset, Kestrel sends them.
    /// </summary>
    public string? AccelRedirect { get; set; }

    /// <summary>
    /// Behind nginx answering cache hits from the public tree itself: the unix datagram socket pactor listens on for
    /// nginx's access log of those hits (<c>access_log syslog:server=unix:PATH</c>), so that they count in the status
    /// page, metrics and least-recently-requested eviction. Unset, pactor does not listen.
    /// </summary>
    public string? AccessLogSocket { get; set; }

    /// <summary>How long an upstream may stay silent: to connect, to answer, or between two reads of the body.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Origin mode: serve this mirror tree (<c>ROOT/{repo}/os/{arch}/…</c>) as it is, read-only, instead of
    /// mirroring. No upstream, no torrent client of its own: the seedbox's rtorrent is run by the operator
    /// and loaded by <c>pactor seed --rtorrent</c>.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>Also answer <c>/announce</c> and <c>/scrape</c>: a BitTorrent tracker, in memory.</summary>
    public bool Tracker { get; set; }

    /// <summary>The announce interval the tracker asks clients for.</summary>
    public TimeSpan TrackerInterval { get; set; } = TrackerOptions.DefaultInterval;

    /// <summary>Track only the info hashes in this file (40 hex digits a line, as <c>pactor seed --whitelist</c> writes it).</summary>
    public string? TrackerWhitelist { get; set; }

    public bool IsOrigin => !string.IsNullOrWhiteSpace(Root);

    /// <summary>The settings as configured, unvalidated: for what must be read before validation reports (the listen address, the mirror list).</summary>
    public static ServeOptions Read(IConfiguration configuration)
    {
        var options = new ServeOptions();
        configuration.GetSection(MirrorOptions.Section).Bind(options);
        return options;
    }
}
