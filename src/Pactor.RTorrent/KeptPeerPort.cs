using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pactor.RTorrent;

/// <summary>
/// The peer port of pactor's own rtorrent across restarts of pactor: the last run's when it is still free, else a new
/// free one, written for the next run. Trackers list a peer by address and port for up to an hour, so a port that
/// changed with every restart would leave them handing out a dead entry beside the live one (and rtorrent keys peers
/// by address).
/// </summary>
internal static class KeptPeerPort
{
    public static int Choose(string file, IPAddress bindAddress)
    {
        if (File.Exists(file)
            && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kept)
            && kept is > 0 and <= 65535
            && IsFree(bindAddress, kept))
        {
            return kept;
        }

        using var probe = new TcpListener(bindAddress, 0);
        probe.Start();
        var chosen = ((IPEndPoint)probe.LocalEndpoint).Port;
        File.WriteAllText(file, chosen.ToString(CultureInfo.InvariantCulture) + "\n");
        return chosen;
    }

    private static bool IsFree(IPAddress bindAddress, int port)
    {
        try
        {
            using var probe = new TcpListener(bindAddress, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
