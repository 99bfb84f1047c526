using System.Net;

namespace Pactor.RTorrent;

/// <summary>What <see cref="RTorrentConfigTemplate.Render"/> puts into an rc template's <c>@NAME@</c> placeholders.</summary>
public sealed record RTorrentConfigValues
{
    /// <summary><c>@SESSION_DIR@</c>: resume data and the session lock; one rtorrent per directory. Must exist.</summary>
    public required string SessionDirectory { get; init; }

    /// <summary><c>@DOWNLOAD_DIR@</c>: where downloads go unless pactor sets a directory. Must exist.</summary>
    public required string DownloadDirectory { get; init; }

    /// <summary><c>@LOG_FILE@</c>: rtorrent's log, the only place load errors show.</summary>
    public required string LogFile { get; init; }

    /// <summary><c>@SCGI@</c>: an scgi:// endpoint on a loopback address, or a unix socket.</summary>
    public required RTorrentEndpoint Scgi { get; init; }

    /// <summary><c>@BIND_ADDRESS@</c>: the address peers connect to and rtorrent connects from.</summary>
    public required IPAddress BindAddress { get; init; }

    /// <summary><c>@LOCAL_ADDRESS@</c>: the address announced to trackers; defaults to <see cref="BindAddress"/>, required when that is a wildcard.</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary><c>@PORT@</c>: the one peer port.</summary>
    public required int Port { get; init; }
}
