namespace Pactor.Core.Mirror;

/// <summary>The mirror's settings, section <c>Pactor</c>; validated at start-up by <see cref="MirrorOptionsValidator"/>.</summary>
public sealed class MirrorOptions
{
    public const string Section = "Pactor";

    public string CacheDirectory { get; set; } = "";

    /// <summary>Mirror URL templates (<c>http://mirror/$repo/os/$arch</c>), tried in order.</summary>
    public List<string> Upstreams { get; set; } = [];

    /// <summary>Where <c>FILE.torrent</c> is published; the upstreams when empty.</summary>
    public List<string> TorrentSources { get; set; } = [];

    /// <summary>How long a request waits for the swarm before it is redirected; pacman gives up after 10 s.</summary>
    public TimeSpan HedgeAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often all in-flight downloads are polled, in one round trip, while a request waits for one. Short: it sets
    /// how late completion is seen, and rtorrent 0.9.8 itself finishes sooner the more often it is woken (bench/README.md:
    /// 5 ms against 10 ms took 20 to 40 ms off a cache miss).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often they are polled when no request waits (after a fallback the torrent goes on for the next machine).</summary>
    public TimeSpan BackgroundPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A download still without peers this long after its last announce is re-announced.</summary>
    public TimeSpan AnnounceAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After a failed or mismatching download, requests for that file go to the upstream for this long.</summary>
    public TimeSpan FailureCooldown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Retries after the first attempt of an upstream GET (torrent, database, signature) that failed transiently: a
    /// reset or refused connection, a silent upstream, a 5xx. Never after a 404 or another definite answer, never
    /// past <see cref="HedgeAfter"/> from the first attempt; 0 turns retries off.
    /// </summary>
    public int UpstreamRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; it doubles each retry, with jitter, up to <see cref="UpstreamRetryMaxDelay"/>.</summary>
    public TimeSpan UpstreamRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan UpstreamRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    public long MaxTorrentBytes { get; set; } = 4 * 1024 * 1024;

    public long MaxDatabaseBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Least recently requested packages are evicted while the package cache is larger (bytes; null: no limit).
    /// Packages no longer in their repo database go first.
    /// </summary>
    public long? CacheMaxSize { get; set; }

    /// <summary>Packages not requested for this long are evicted (null: kept however old).</summary>
    public TimeSpan? CacheMaxAge { get; set; }

    /// <summary>The label pactor's downloads carry in the torrent client.</summary>
    public string Label { get; set; } = "pactor";
}
