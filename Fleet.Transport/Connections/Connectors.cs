using Fleet.Core;
using Fleet.Transport.Ssh;
using LanguageExt;

namespace Fleet.Transport.Connections;

/// <summary>The connector for an endpoint, direct or through an SSH tunnel.</summary>
internal static class Connectors
{
    public static Either<APIError, IConnector> For(FleetEndpoint endpoint, HttpTransportOptions options)
    {
        if (options.Ssh is { } ssh) return Tunnelled(endpoint, options, ssh);
        return endpoint.Kind switch
        {
            EndpointKind.UnixSocket => SocketConnector.Unix(endpoint.SocketPath!),
            EndpointKind.Http => SocketConnector.Tcp(endpoint.Host, endpoint.Port),
            _ => TlsConnector.Create(SocketConnector.Tcp(endpoint.Host, endpoint.Port), endpoint.Host, options.Tls).Map(c => (IConnector)c),
        };
    }

    // TLS inside the tunnel, as fleetctl does for an https endpoint: the tunnel carries the bytes,
    // fleet's certificate is still checked against the endpoint's host name.
    private static Either<APIError, IConnector> Tunnelled(FleetEndpoint endpoint, HttpTransportOptions options, SshTunnelOptions ssh)
    {
        if (endpoint.Kind == EndpointKind.UnixSocket && !ssh.RemoteCommand.Contains(ExecChannelConnector.PathPlaceholder, StringComparison.Ordinal))
        {
            return APIError.Validation($"the remote command {Core.Text.GoQuoting.Quote(ssh.RemoteCommand)} must hold {ExecChannelConnector.PathPlaceholder} where the socket path goes");
        }
        return SshSession.Create(ssh).Bind(session => endpoint.Kind switch
        {
            EndpointKind.UnixSocket => Right(new ExecChannelConnector(session, endpoint.SocketPath!, ssh.RemoteCommand)),
            EndpointKind.Http => Right(new DirectTcpipConnector(session, endpoint.Host, endpoint.Port)),
            _ => TlsConnector.Create(new DirectTcpipConnector(session, endpoint.Host, endpoint.Port), endpoint.Host, options.Tls).Map(c => (IConnector)c),
        });
    }

    private static Either<APIError, IConnector> Right(IConnector connector) => Either<APIError, IConnector>.Right(connector);
}
