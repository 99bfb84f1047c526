namespace Pactor.Hosting;

/// <summary>Configuration keys of <c>pactor serve</c> and the flags that set them, for error lines that name both.</summary>
public static class SettingKeys
{
    public const string Listen = "Pactor:Listen";
    public const string CacheDirectory = "Pactor:CacheDirectory";
    public const string Upstreams = "Pactor:Upstreams";
    public const string TorrentSources = "Pactor:TorrentSources";
    public const string RTorrent = "Pactor:RTorrent";
    public const string HedgeAfter = "Pactor:HedgeAfter";
    public const string MirrorList = "Pactor:MirrorList";
    public const string Root = "Pactor:Root";
    public const string Tracker = "Pactor:Tracker";
    public const string TrackerInterval = "Pactor:TrackerInterval";
    public const string TrackerWhitelist = "Pactor:TrackerWhitelist";
    public const string CacheMaxSize = "Pactor:CacheMaxSize";
    public const string CacheMaxAge = "Pactor:CacheMaxAge";
    public const string AccelRedirect = "Pactor:AccelRedirect";
    public const string AccessLogSocket = "Pactor:AccessLogSocket";

    /// <summary>Settings that hold a duration: <c>5s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c> or TimeSpan syntax.</summary>
    public static IReadOnlyList<string> Durations { get; } =
    [
        HedgeAfter, "Pactor:HedgeGrace", "Pactor:PollInterval", "Pactor:BackgroundPollInterval", "Pactor:AnnounceAfter", "Pactor:FailureCooldown", CacheMaxAge,
        "Pactor:UpstreamTimeout", "Pactor:UpstreamRetryBaseDelay", "Pactor:UpstreamRetryMaxDelay", TrackerInterval,
        "Pactor:UpstreamFirstByteTimeout", "Pactor:UpstreamRaceAfter", "Pactor:UpstreamBackoff", "Pactor:UpstreamMaxBackoff",
        "Pactor:RankInterval", "Pactor:RankTimeout",
    ];

    /// <summary>Settings that hold a byte count: <c>4194304</c>, <c>4096K</c>, <c>4M</c>.</summary>
    public static IReadOnlyList<string> Sizes { get; } = ["Pactor:MaxTorrentBytes", "Pactor:MaxDatabaseBytes", CacheMaxSize, "Pactor:RankSampleBytes"];

    /// <summary>Settings that are on or off: <c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c>, <c>on</c>/<c>off</c>, <c>1</c>/<c>0</c>.</summary>
    public static IReadOnlyList<string> Switches { get; } = [Tracker, "Pactor:RankMirrors"];

    /// <summary><c>Pactor:HedgeAfter (--hedge-after)</c>, as the core's validator names settings.</summary>
    public static string Describe(string key) => key switch
    {
        Listen => $"{key} (--listen)",
        CacheDirectory => $"{key} (--cache-dir)",
        Upstreams => $"{key} (--upstream)",
        TorrentSources => $"{key} (--torrent-source)",
        RTorrent => $"{key} (--rtorrent)",
        HedgeAfter => $"{key} (--hedge-after)",
        MirrorList => $"{key} (--mirrorlist)",
        Root => $"{key} (--root)",
        Tracker => $"{key} (--tracker)",
        TrackerInterval => $"{key} (--tracker-interval)",
        TrackerWhitelist => $"{key} (--tracker-whitelist)",
        CacheMaxSize => $"{key} (--cache-max-size)",
        CacheMaxAge => $"{key} (--cache-max-age)",
        AccelRedirect => $"{key} (--accel-redirect)",
        AccessLogSocket => $"{key} (--access-log-socket)",
        _ => key,
    };
}
