using Fleet.Core;
using LanguageExt;

namespace Fleet.Transport.Connections;

/// <summary>The connector for an endpoint: direct, or the user's (<see cref="HttpTransportOptions.Connector"/>), with TLS over either for https.</summary>
internal static class Connectors
{
    public static Either<APIError, IFleetConnector> For(FleetEndpoint endpoint, HttpTransportOptions options)
    {
        if (options.Connector is { } connect) return Supplied(endpoint, options, connect);
        return endpoint.Kind switch
        {
            EndpointKind.UnixSocket => SocketConnector.Unix(endpoint.SocketPath!),
            EndpointKind.Http => SocketConnector.Tcp(endpoint.Host, endpoint.Port),
            _ => TlsConnector.Create(SocketConnector.Tcp(endpoint.Host, endpoint.Port), endpoint.Host, options.Tls).Map(c => (IFleetConnector)c),
        };
    }

    // TLS inside the user's streams, as fleetctl does for an https endpoint through its tunnel:
    // the connector carries the bytes, fleet's certificate is still checked against the
    // endpoint's host name.
    private static Either<APIError, IFleetConnector> Supplied(FleetEndpoint endpoint, HttpTransportOptions options, Func<FleetEndpoint, Either<APIError, IFleetConnector>> connect)
    {
        if (connect(endpoint).Failed(out var connector, out var error)) return error;
        if (endpoint.Kind is EndpointKind.UnixSocket or EndpointKind.Http) return Either<APIError, IFleetConnector>.Right(connector);
        if (TlsConnector.Create(connector, endpoint.Host, options.Tls).Failed(out var tls, out var tlsError))
        {
            // The client never gets to own it, so it is released here.
            (connector as IDisposable)?.Dispose();
            return tlsError;
        }
        return tls;
    }
}
