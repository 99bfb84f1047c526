using System.Net;
using System.Net.Sockets;

namespace Pactor.EndToEnd.Tests.Fixtures.Processes;

/// <summary>Free TCP ports for programs that must be told their port on the command line.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// A port free on <paramref name="address"/> right now (the system's choice for port 0). Another program could
    /// take it before ours binds; on a test machine that is rare, and the readiness wait then fails clearly.
    /// </summary>
    public static int Free(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
