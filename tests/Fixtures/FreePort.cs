using System.Net;
using System.Net.Sockets;

namespace MockExams.Tests.Fixtures;

/// <summary>Loopback ports for in-process silos: asks the OS for a free one, so parallel runs never collide.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
