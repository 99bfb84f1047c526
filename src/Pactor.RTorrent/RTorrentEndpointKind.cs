namespace Pactor.RTorrent;

/// <summary>How pactor reaches rtorrent's XML-RPC interface.</summary>
public enum RTorrentEndpointKind
{
    /// <summary>SCGI over TCP (<c>network.scgi.open_port</c>).</summary>
    ScgiTcp,

    /// <summary>SCGI over a unix-domain socket (<c>network.scgi.open_local</c>).</summary>
    ScgiUnixSocket,

    /// <summary>XML-RPC over HTTP(S), e.g. rtorrent behind nginx or ruTorrent.</summary>
    Http,
}
