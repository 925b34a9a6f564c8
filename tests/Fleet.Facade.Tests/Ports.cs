using System.Net;
using System.Net.Sockets;

namespace Fleet.Facade.Tests;

internal static class Ports
{
    /// <summary>A loopback port that was free a moment ago and has no listener now.</summary>
    public static int Closed()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
