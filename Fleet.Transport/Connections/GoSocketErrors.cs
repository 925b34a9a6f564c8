using System.Net.Sockets;

namespace Fleet.Transport.Connections;

/// <summary>
/// A socket failure in the words Go's syscall package uses (<c>connection refused</c>, <c>no such
/// file or directory</c>), so errors read as fleetctl's do. .NET reports the Windows-style
/// <see cref="SocketError"/> and a capitalised message; a missing unix socket path even arrives
/// as <see cref="SocketError.AddressNotAvailable"/>.
/// </summary>
internal static class GoSocketErrors
{
    /// <summary>Go's text for <paramref name="error"/>.</summary>
    /// <param name="error">The failure.</param>
    /// <param name="unixSocket">Whether the socket was a unix domain socket.</param>
    /// <returns>The text, lower-case as Go's.</returns>
    public static string Describe(SocketException error, bool unixSocket) => error.SocketErrorCode switch
    {
        SocketError.AddressNotAvailable when unixSocket => "no such file or directory",
        SocketError.ConnectionRefused => "connection refused",
        SocketError.AccessDenied => "permission denied",
        SocketError.TimedOut => "connection timed out",
        SocketError.HostUnreachable => "no route to host",
        SocketError.NetworkUnreachable => "network is unreachable",
        SocketError.ConnectionReset => "connection reset by peer",
        _ => error.Message.Length > 0 ? char.ToLowerInvariant(error.Message[0]) + error.Message[1..] : error.SocketErrorCode.ToString(),
    };
}
