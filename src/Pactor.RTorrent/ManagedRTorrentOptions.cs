using System.Net;

namespace Pactor.RTorrent;

/// <summary>Settings of an rtorrent that pactor starts and supervises itself.</summary>
public sealed record ManagedRTorrentOptions
{
    /// <summary>A private directory for rtorrent's session, log, rc file and SCGI socket (made mode 0700).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>rtorrent's default download directory (pactor sets one per download anyway).</summary>
    public required string DownloadDirectory { get; init; }

    /// <summary>The address peers reach this rtorrent on; every rtorrent on one machine needs its own.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The peer port; 0 picks a free one at the first start and keeps it across restarts.</summary>
    public int Port { get; init; }

    public string Executable { get; init; } = "rtorrent";

    /// <summary>rc template text; <see cref="RTorrentConfigTemplate.Client"/> by default.</summary>
    public string? Template { get; init; }

    /// <summary>How long a start may take until rtorrent answers on its socket.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long rtorrent gets to save its session after SIGINT before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay before a restart after rtorrent died; doubles up to <see cref="MaxRestartDelay"/>.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(30);
}
