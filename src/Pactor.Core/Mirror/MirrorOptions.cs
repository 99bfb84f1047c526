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
    /// How much longer than <see cref="HedgeAfter"/> a request may wait for a download that is about to finish
    /// (<see cref="HedgeGrace"/>): its rate must say it is done by then. Keep the two together under pacman's 10 s; 0: none.
    /// </summary>
    public TimeSpan HedgeGrace { get; set; } = TimeSpan.FromSeconds(3);

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

    /// <summary>
    /// How long an upstream GET may wait for the response headers (every redirect included) before the upstream counts
    /// as silent and the next one is asked: well under <see cref="HedgeAfter"/>, so that a mirror that accepts
    /// connections and never answers costs a database request this much, not the whole hedge. Unset:
    /// <see cref="FirstByteTimeout"/>'s default.
    /// </summary>
    public TimeSpan? UpstreamFirstByteTimeout { get; set; }

    /// <summary>
    /// <see cref="UpstreamFirstByteTimeout"/>, or 1.5 s, or a third of <see cref="HedgeAfter"/> when that is shorter: a
    /// short hedge alone must not make the default invalid.
    /// </summary>
    public TimeSpan FirstByteTimeout => UpstreamFirstByteTimeout
        ?? (HedgeAfter / 3 < DefaultFirstByteTimeout ? HedgeAfter / 3 : DefaultFirstByteTimeout);

    private static TimeSpan DefaultFirstByteTimeout => TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// A database or signature GET that has not answered this long races the next upstream beside it, and the first
    /// to answer is used (<see cref="Upstreams.UpstreamRace"/>): a silent first mirror costs <c>pacman -Sy</c> this
    /// much instead of <see cref="FirstByteTimeout"/>. Under the first-byte timeout; 0 turns racing off. Unset:
    /// <see cref="RaceAfter"/>'s default.
    /// </summary>
    public TimeSpan? UpstreamRaceAfter { get; set; }

    /// <summary><see cref="UpstreamRaceAfter"/>, or 250 ms, or a quarter of a shorter <see cref="FirstByteTimeout"/>.</summary>
    public TimeSpan RaceAfter => UpstreamRaceAfter
        ?? (FirstByteTimeout / 4 < DefaultRaceAfter ? FirstByteTimeout / 4 : DefaultRaceAfter);

    private static TimeSpan DefaultRaceAfter => TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A body arriving slower than this (bytes per second, over each <see cref="FirstByteTimeout"/>) is given up
    /// and the next upstream asked: a mirror trickling a database would otherwise hold its refresh for hours. 0: no floor.
    /// </summary>
    public long UpstreamMinBytesPerSecond { get; set; } = 1024;

    /// <summary>After a failed GET an upstream is skipped this long; the backoff doubles with each failure in a row up to <see cref="UpstreamMaxBackoff"/>.</summary>
    public TimeSpan UpstreamBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest backoff; also how long an upstream that served an outdated database is kept away from databases.</summary>
    public TimeSpan UpstreamMaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Rank the mirrors by measured speed (<see cref="Upstreams.MirrorRanker"/>) and ask the fastest healthy ones first.
    /// Null: on when the upstreams come from pacman's mirror list, off for <c>--upstream</c>s (tried in the order given).
    /// </summary>
    public bool? RankMirrors { get; set; }

    /// <summary>How often the mirrors are measured again; the first time is after the first database pactor fetched.</summary>
    public TimeSpan RankInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How many mirrors are measured at the same time.</summary>
    public int RankConcurrency { get; set; } = 3;

    /// <summary>How many mirrors of the list are measured, from its top; the rest keep their place after them.</summary>
    public int RankMaxMirrors { get; set; } = 50;

    /// <summary>How much of the database each test reads at most; the speed is what arrived over the time it took.</summary>
    public long RankSampleBytes { get; set; } = 1024 * 1024;

    /// <summary>How long one mirror's test may take; a mirror that has sent nothing by then failed it.</summary>
    public TimeSpan RankTimeout { get; set; } = TimeSpan.FromSeconds(5);

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
