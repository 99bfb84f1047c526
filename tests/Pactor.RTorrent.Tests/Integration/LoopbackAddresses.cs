using System.Net;
using System.Net.Sockets;

namespace Pactor.RTorrent.Tests.Integration;

/// <summary>
/// Distinct loopback addresses: trackers key peers by IP, and two rtorrents on one address stall
/// ("is self"). The third byte comes from the process id so parallel test runs keep apart.
/// </summary>
internal static class LoopbackAddresses
{
    private static int next = 1;

    public static IPAddress Next()
    {
        var host = Interlocked.Increment(ref next);
        return new IPAddress([127, 77, (byte)((Environment.ProcessId % 250) + 1), (byte)(host % 250 + 2)]);
    }

    /// <summary>A port that was free on that address a moment ago (bound to port 0, then released).</summary>
    public static int UnusedPort(IPAddress address)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
