using System.Net;

namespace Pactor.EndToEnd.Tests.Fixtures;

/// <summary>
/// One loopback address per role in an end-to-end swarm. Peers are keyed by IP: two rtorrents on one address
/// stall at random (the downloader connects to itself), so every rtorrent gets its own 127.0.0.x; on Linux the
/// whole 127.0.0.0/8 is loopback with no setup. HTTP servers may share an address (ports differ).
/// </summary>
public static class LoopbackAddresses
{
    /// <summary>The upstream mirror (a StaticMirrorServer) and opentracker.</summary>
    public static readonly IPAddress Upstream = IPAddress.Parse("127.0.0.1");

    /// <summary>A second mirror, e.g. a redirect target or the next pacman Server.</summary>
    public static readonly IPAddress SecondMirror = IPAddress.Parse("127.0.0.2");

    /// <summary>pactor serve.</summary>
    public static readonly IPAddress Pactor = IPAddress.Parse("127.0.0.3");

    /// <summary>The rtorrent pactor drives.</summary>
    public static readonly IPAddress PactorRTorrent = IPAddress.Parse("127.0.0.4");

    /// <summary>The seeder rtorrent holding the packages.</summary>
    public static readonly IPAddress SeederRTorrent = IPAddress.Parse("127.0.0.5");

    /// <summary>A further peer (e.g. a second downloader).</summary>
    public static readonly IPAddress ExtraPeer = IPAddress.Parse("127.0.0.6");
}
