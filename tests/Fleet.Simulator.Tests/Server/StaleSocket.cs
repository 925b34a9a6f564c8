using System.Runtime.InteropServices;
using System.Text;

namespace Fleet.Simulator.Tests.Server;

/// <summary>
/// Leaves a unix socket file behind the way a killed server does: bound, closed, never unlinked.
/// .NET's Socket unlinks the paths it binds when disposed, so this goes to libc directly.
/// </summary>
internal static partial class StaleSocket
{
    private const int AfUnix = 1;
    private const int SockStream = 1;

    public static void Leave(string path)
    {
        var fd = Socket(AfUnix, SockStream, 0);
        Assert.True(fd >= 0, "socket() failed");
        try
        {
            // struct sockaddr_un: a 16-bit family, then the NUL-terminated path (108 bytes on Linux).
            var address = new byte[110];
            BitConverter.TryWriteBytes(address.AsSpan(0, 2), (ushort)AfUnix);
            Encoding.UTF8.GetBytes(path, address.AsSpan(2));
            Assert.Equal(0, Bind(fd, address, address.Length));
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "socket")]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind")]
    private static partial int Bind(int fd, byte[] address, int length);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
