using System.Net;

namespace Pactor.EndToEnd.Tests.Fixtures;

/// <summary>
/// Loopback addresses for the HTTP roles of an end-to-end run (on Linux all of 127.0.0.0/8 is loopback with no
/// setup; ports come from the system, so servers may share an address). rtorrents are not here: peers are keyed by
/// IP and two rtorrents on one address stall ("is self"), so the linked <c>RTorrentDaemon</c> gives each its own
/// 127.77.x.y.
/// </summary>
public static class LoopbackRoles
{
    /// <summary>The upstream mirror (a StaticMirrorServer).</summary>
    public static readonly IPAddress Upstream = IPAddress.Parse("127.0.0.1");

    /// <summary>A second mirror: a redirect target, the next pacman Server, or the torrent source.</summary>
    public static readonly IPAddress SecondMirror = IPAddress.Parse("127.0.0.2");

    /// <summary>pactor serve.</summary>
    public static readonly IPAddress Pactor = IPAddress.Parse("127.0.0.3");

    /// <summary>
    /// The peer address of the rtorrent <c>pactor serve</c> starts itself (<c>Pactor:RTorrentBind</c>): apart from the
    /// seeder (127.77.x.y) and from every HTTP role, so the tracker never hands an rtorrent its own address.
    /// </summary>
    public static readonly IPAddress PactorRTorrent = IPAddress.Parse("127.0.0.4");

    /// <summary>Anything else a test needs apart.</summary>
    public static readonly IPAddress ExtraPeer = IPAddress.Parse("127.0.0.6");

    /// <summary>A seedbox's <c>pactor serve --root --tracker</c> (origin and tracker; HTTP only, its rtorrent is on 127.77.x.y).</summary>
    public static readonly IPAddress SeedboxOrigin = IPAddress.Parse("127.0.0.10");

    /// <summary>
    /// The peer address of client <paramref name="number"/>'s own rtorrent (<c>Pactor:RTorrentBind</c>) in a many-peer
    /// swarm: 127.0.0.11, .12, … one per client, apart from <see cref="PactorRTorrent"/> and every HTTP role.
    /// </summary>
    public static IPAddress ClientRTorrent(int number) =>
        number is >= 1 and <= 40 ? new IPAddress([127, 0, 0, (byte)(10 + number)]) : throw new ArgumentOutOfRangeException(nameof(number), number, "clients are numbered 1-40");
}
