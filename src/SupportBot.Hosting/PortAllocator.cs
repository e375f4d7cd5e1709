using System.Net;
using System.Net.Sockets;

namespace SupportBot.Hosting;

/// <summary>
/// Hands out loopback ports. The usual ports are chosen outside the ranges system services use
/// (5432, 6379, 9090, 3000 stay free for a system Postgres, Redis, Prometheus or Grafana); when one
/// is taken, the OS picks a free one instead.
/// </summary>
public sealed class PortAllocator(bool preferFixedPorts)
{
    private readonly HashSet<int> _handedOut = [];

    public int Allocate(int preferred)
    {
        lock (_handedOut)
        {
            var port = preferFixedPorts && !_handedOut.Contains(preferred) && IsFree(preferred) ? preferred : FreePort();
            while (!_handedOut.Add(port))
            {
                port = FreePort();
            }

            return port;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
