using System.Net;
using System.Net.Sockets;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Transport.Connections;

/// <summary>Connects a socket: a unix domain socket path, or a TCP host and port.</summary>
internal sealed class SocketConnector : IFleetConnector
{
    private readonly EndPoint endPoint;
    private readonly AddressFamily family;

    private SocketConnector(EndPoint endPoint, AddressFamily family, string description)
    {
        this.endPoint = endPoint;
        this.family = family;
        Description = description;
    }

    public string Description { get; }

    public static SocketConnector Unix(string path) =>
        new(new UnixDomainSocketEndPoint(path), AddressFamily.Unix, $"unix {path}");

    public static SocketConnector Tcp(string host, int port) =>
        new(IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port), AddressFamily.Unspecified, $"tcp {host}:{port}");

    public async Task<Either<APIError, Stream>> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = family == AddressFamily.Unix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            // Worded like fleetctl's "dial unix /x: connect: no such file or directory".
            return new APIError(ErrorKind.Transport, $"dial {Description}: connect: {GoSocketErrors.Describe(e, family == AddressFamily.Unix)}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
