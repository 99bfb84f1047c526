namespace Pactor.RTorrent;

/// <summary>How to reach rtorrent and how patiently (configuration section <see cref="SectionName"/>).</summary>
public sealed class RTorrentOptions
{
    public const string SectionName = "RTorrent";

    /// <summary>See <see cref="RTorrentEndpoint"/> for the accepted forms.</summary>
    public string Endpoint { get; set; } = "scgi://127.0.0.1:5000";

    /// <summary>Deadline for one request/reply exchange (connect, send, receive).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Replies larger than this are refused (a full <c>d.multicall2</c> of thousands of downloads stays far below).</summary>
    public int MaxReplyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Retries after the first attempt of an idempotent call that found rtorrent unreachable.</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; it doubles each attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a loaded torrent may take to show up: <c>load.raw</c> returns before rtorrent has
    /// parsed the torrent, and it never reports a failed load.
    /// </summary>
    public TimeSpan LoadConfirmTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First pause between polls while confirming a load; it doubles up to 250 ms.</summary>
    public TimeSpan LoadPollInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
