using Fleet.Core;
using Fleet.Core.Text;
using Fleet.Ssh.Tunnel;
using Fleet.Transport;
using Fleet.Transport.Connections;
using LanguageExt;

namespace Fleet.Ssh;

/// <summary>
/// fleet through an SSH tunnel, plugged into the transport's connector seam
/// (<see cref="HttpTransportOptions.Connector"/>), as fleetctl's <c>--tunnel</c> does it.
/// </summary>
/// <example>
/// <code>
/// var transport = HttpTransportOptions.Default with { Connector = SshTunnel.Connector(new SshTunnelOptions { Tunnel = "10.0.0.1" }) };
/// </code>
/// </example>
public static class SshTunnel
{
    /// <summary>
    /// The connector factory for <see cref="HttpTransportOptions.Connector"/>: each client gets a
    /// connector with an SSH session of its own, opened on first use and closed when the client is
    /// disposed. A TCP endpoint (http or https) is reached through direct-tcpip channels; the
    /// transport does TLS inside them for https, checking fleet's certificate against the
    /// endpoint's host name. A unix-socket endpoint is reached through
    /// <see cref="SshTunnelOptions.RemoteCommand"/> on the tunnel host, which must hold
    /// <c>{0}</c> where the socket path goes.
    /// </summary>
    /// <param name="options">The tunnel.</param>
    /// <returns>
    /// The factory. It answers a Validation error for a tunnel address that does not parse or a
    /// remote command without the path placeholder; errors of the session itself (Ssh, Timeout)
    /// come when the client first connects.
    /// </returns>
    public static Func<FleetEndpoint, Either<APIError, IFleetConnector>> Connector(SshTunnelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return endpoint => For(endpoint, options);
    }

    private static Either<APIError, IFleetConnector> For(FleetEndpoint endpoint, SshTunnelOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Kind == EndpointKind.UnixSocket && !options.RemoteCommand.Contains(ExecChannelConnector.PathPlaceholder, StringComparison.Ordinal))
        {
            return APIError.Validation($"the remote command {GoQuoting.Quote(options.RemoteCommand)} must hold {ExecChannelConnector.PathPlaceholder} where the socket path goes");
        }
        if (SshSession.Create(options).Failed(out var session, out var error)) return error;
        return endpoint.Kind == EndpointKind.UnixSocket
            ? new ExecChannelConnector(session, endpoint.SocketPath!, options.RemoteCommand)
            : new DirectTcpipConnector(session, endpoint.Host, endpoint.Port);
    }
}
