namespace Pactor.Core.Tracker;

/// <summary>The built-in tracker's settings (<c>pactor serve --tracker</c>).</summary>
public sealed class TrackerOptions
{
    /// <summary>
    /// Short, unlike public trackers' 30 minutes: a client that announced before the seeder did learns
    /// of it at its next announce, and a pactor swarm is small enough that frequent announces cost nothing.
    /// </summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LongestInterval = TimeSpan.FromHours(1);

    /// <summary>The <c>interval</c> clients are told to wait between announces.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>The <c>min interval</c>: clients must not announce more often, except for events.</summary>
    public TimeSpan MinInterval => Interval < ShortestInterval ? Interval : ShortestInterval;

    /// <summary>A peer that has not announced for this long is forgotten: two missed announces and some slack.</summary>
    public TimeSpan PeerTimeout => (Interval * 2) + TimeSpan.FromSeconds(30);

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
}
