namespace Pactor.EndToEnd.Tests.Fixtures.Pactor;

/// <summary>How a test starts <c>pactor serve</c>: the documented flags, plus any other <c>Pactor:*</c> setting as an environment variable.</summary>
public sealed record PactorServeSettings
{
    /// <summary>pacman <c>Server</c>-style templates (<c>http://HOST:PORT/$repo/os/$arch</c>), tried in order.</summary>
    public IReadOnlyList<string> Upstreams { get; init; } = [];

    /// <summary><c>--mirrorlist</c>: a pacman mirror list, read when <see cref="Upstreams"/> is empty; null: a file that does not exist (never the host's).</summary>
    public string? MirrorList { get; init; }

    /// <summary>Where <c>FILE.torrent</c> is published; empty: pactor uses the upstreams.</summary>
    public IReadOnlyList<string> TorrentSources { get; init; } = [];

    /// <summary><c>--rtorrent</c>: <c>scgi://HOST:PORT</c> or <c>scgi:///SOCKET</c>; null lets pactor run its own.</summary>
    public string? RTorrent { get; init; }

    /// <summary><c>--hedge-after</c>; null keeps pactor's default (5 s).</summary>
    public TimeSpan? HedgeAfter { get; init; }

    /// <summary>Null: a fresh directory of the process fixture's own.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Other settings by configuration key without the section, e.g. <c>["PollInterval"] = "50ms"</c> → <c>Pactor__PollInterval</c>.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
