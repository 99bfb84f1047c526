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
    public const string CacheMaxSize = "Pactor:CacheMaxSize";
    public const string CacheMaxAge = "Pactor:CacheMaxAge";
    public const string AccelRedirect = "Pactor:AccelRedirect";

    /// <summary>Settings that hold a duration: <c>5s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c> or TimeSpan syntax.</summary>
    public static IReadOnlyList<string> Durations { get; } =
        [HedgeAfter, "Pactor:PollInterval", "Pactor:BackgroundPollInterval", "Pactor:AnnounceAfter", "Pactor:FailureCooldown", CacheMaxAge, "Pactor:UpstreamTimeout"];

    /// <summary>Settings that hold a byte count: <c>4194304</c>, <c>4096K</c>, <c>4M</c>.</summary>
    public static IReadOnlyList<string> Sizes { get; } = ["Pactor:MaxTorrentBytes", "Pactor:MaxDatabaseBytes", CacheMaxSize];

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
        CacheMaxSize => $"{key} (--cache-max-size)",
        CacheMaxAge => $"{key} (--cache-max-age)",
        AccelRedirect => $"{key} (--accel-redirect)",
        _ => key,
    };
}
