using System.Globalization;

namespace Fleet.Reliability.Tests.Wire;

/// <summary>The kernel's states of a TCP socket, as /proc/net/tcp numbers them.</summary>
internal enum TcpSocketState
{
    Established = 1,
    SynSent = 2,
    SynReceived = 3,
    FinWait1 = 4,
    FinWait2 = 5,
    TimeWait = 6,
    Close = 7,
    CloseWait = 8,
    LastAck = 9,
    Listen = 10,
    Closing = 11,
}

/// <summary>One TCP socket as the kernel lists it.</summary>
/// <param name="LocalPort">Its local port.</param>
/// <param name="RemotePort">Its peer's port.</param>
/// <param name="State">Where it is in TCP's life.</param>
/// <param name="SendQueue">Bytes written but not yet acknowledged by the peer.</param>
/// <param name="ReceiveQueue">Bytes received but not yet read by the program.</param>
/// <param name="Inode">The socket's inode; 0 for a socket no process holds (TIME_WAIT).</param>
internal readonly record struct TcpSocket(int LocalPort, int RemotePort, TcpSocketState State, long SendQueue, long ReceiveQueue, long Inode);

/// <summary>
/// Reads /proc/net/tcp: what the kernel knows about each loopback TCP socket, which no API of
/// the client shows (whether it read every byte it was sent, whether it saw the peer's FIN, how
/// many sockets it holds). The client's TCP sockets are dual-mode, so they are listed in
/// /proc/net/tcp6 (as ::ffff:127.0.0.1); both files are read, and only ports compared.
/// </summary>
internal static class TcpTable
{
    public static IReadOnlyList<TcpSocket> Read()
    {
        var sockets = new List<TcpSocket>();
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1).Concat(File.Exists("/proc/net/tcp6") ? File.ReadLines("/proc/net/tcp6").Skip(1) : []))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10) continue;
            var queues = fields[4].Split(':');
            sockets.Add(new TcpSocket(
                Port(fields[1]),
                Port(fields[2]),
                (TcpSocketState)int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(queues[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(queues[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(fields[9], CultureInfo.InvariantCulture)));
        }
        return sockets;
    }

    /// <summary>The client's end of a connection to <paramref name="serverPort"/> from <paramref name="clientPort"/>, if it still exists.</summary>
    public static TcpSocket? ClientEnd(int clientPort, int serverPort) =>
        Read().Where(s => s.LocalPort == clientPort && s.RemotePort == serverPort).Select(s => (TcpSocket?)s).FirstOrDefault();

    private static int Port(string address) =>
        int.Parse(address[(address.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
