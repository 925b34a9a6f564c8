using Fleet.Core;
using LanguageExt;

namespace Fleet.Transport.Connections;

/// <summary>The connector for an endpoint.</summary>
internal static class Connectors
{
    public static Either<APIError, IConnector> For(FleetEndpoint endpoint, TlsOptions tls) => endpoint.Kind switch
    {
        EndpointKind.UnixSocket => SocketConnector.Unix(endpoint.SocketPath!),
        EndpointKind.Http => SocketConnector.Tcp(endpoint.Host, endpoint.Port),
        _ => TlsConnector.Create(SocketConnector.Tcp(endpoint.Host, endpoint.Port), endpoint.Host, tls).Map(c => (IConnector)c),
    };
}
