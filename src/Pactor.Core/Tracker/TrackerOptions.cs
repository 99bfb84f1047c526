namespace Pactor.Core.Tracker;

/// <summary>The built-in tracker's settings (<c>pactor serve --tracker</c>).</summary>
public sealed class TrackerOptions
{
    /// <summary>
    /// As opentracker and public trackers answer. A short interval buys nothing: rtorrent 0.9.8 re-announces no more
    /// often than every 600 s whatever the tracker asks (<c>t.normal_interval</c> reads 600 after an answer of 30), and a
    /// download without peers is re-announced by pactor's poller at once.
    /// </summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LongestInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest schedule clients keep on their own, whatever the tracker answers: 30-45 min for most, rtorrent's
    /// floor of 600 s below it. A peer must stay listed at least this long after an announce.
    /// </summary>
    public static readonly TimeSpan LongestClientInterval = TimeSpan.FromMinutes(45);

    /// <summary>Slack on top of a client's interval: its announce may come late (a busy tracker, a retry, a clock step).</summary>
    public static readonly TimeSpan AnnounceSlack = TimeSpan.FromMinutes(5);

    /// <summary>The <c>interval</c> clients are told to wait between announces.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>
    /// The <c>min interval</c>: clients must not announce more often, except for events. rtorrent clamps it to
    /// 300 s anyway; pactor's own re-announce of a peerless download (<c>d.tracker_announce</c>) is not held by it.
    /// </summary>
    public TimeSpan MinInterval => Interval < MinIntervalCeiling ? Interval : MinIntervalCeiling;

    /// <summary>
    /// A peer that has not announced for this long is forgotten: two of the tracker's intervals, or the longest
    /// schedule a client keeps on its own (<see cref="LongestClientInterval"/>) if that is longer, plus
    /// <see cref="AnnounceSlack"/>. A peer that says <c>stopped</c> goes at once.
    /// </summary>
    public TimeSpan PeerTimeout => (Interval * 2 > LongestClientInterval ? Interval * 2 : LongestClientInterval) + AnnounceSlack;

    private static TimeSpan MinIntervalCeiling => TimeSpan.FromMinutes(5);

    public int DefaultNumWant { get; init; } = 50;

    public int MaxNumWant { get; init; } = 200;

    /// <summary>Memory bounds: a flood of made-up info hashes or ports fills these and is then refused.</summary>
    public int MaxTorrents { get; init; } = 50_000;

    public int MaxPeers { get; init; } = 200_000;

    public int MaxPeersPerTorrent { get; init; } = 5_000;

    public int MaxScrapeHashes { get; init; } = 64;

    /// <summary>
    /// When set, only the info hashes listed in this file (40 hex digits a line, as <c>pactor seed --whitelist</c>
    /// and opentracker write it) are tracked; the file is re-read when it changes.
    /// </summary>
    public string? WhitelistFile { get; init; }

    /// <summary>
    /// Where the peer table is kept across restarts (<see cref="PeerTableStore"/>); null keeps it in memory only.
    /// A restarted tracker then answers with the peers it had, instead of an empty swarm until each peer's next
    /// announce (up to 30 min away).
    /// </summary>
    public string? StateFile { get; init; }

    /// <summary>How often a changed peer table is written to <see cref="StateFile"/> (and once more on shutdown).</summary>
    public TimeSpan SaveInterval { get; init; } = TimeSpan.FromSeconds(5);
}
