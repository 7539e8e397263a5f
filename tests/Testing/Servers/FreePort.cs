using System.Net;
using System.Net.Sockets;

namespace Fenghuo.Testing.Servers;

/// <summary>Free TCP ports on the loopback interface.</summary>
public static class FreePort
{
    // The kernel may hand out a just-released port again; remembering what this process already
    // handed out keeps two resources of one run from being given the same port.
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A port nothing listens on right now. Another process could still take it before the caller
    /// binds it, a race rare enough on a developer machine to accept.
    /// </summary>
    public static int Pick()
    {
        lock (Gate)
        {
            while (true)
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
