using System.Globalization;

namespace Fleet.Reliability.Tests.Wire;

/// <summary>The sockets this process holds open, by the inodes behind its file descriptors.</summary>
internal static class OwnSockets
{
    public static System.Collections.Generic.HashSet<long> Inodes()
    {
        var inodes = new System.Collections.Generic.HashSet<long>();
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed while listed
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(long.Parse(target[8..^1], CultureInfo.InvariantCulture));
            }
        }
        return inodes;
    }

    /// <summary>This process's TCP sockets connected to <paramref name="serverPort"/>: the client's ends of its connections there.</summary>
    public static int ConnectedTo(int serverPort)
    {
        var own = Inodes();
        return TcpTable.Read().Count(s => s.RemotePort == serverPort && s.Inode != 0 && own.Contains(s.Inode));
    }

    /// <summary>This process's TCP sockets accepted on <paramref name="serverPort"/>: a server's ends of its connections.</summary>
    public static int AcceptedOn(int serverPort)
    {
        var own = Inodes();
        return TcpTable.Read().Count(s => s.LocalPort == serverPort && s.State != TcpSocketState.Listen && s.Inode != 0 && own.Contains(s.Inode));
    }
}
