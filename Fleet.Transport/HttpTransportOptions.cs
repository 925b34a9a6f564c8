using Fleet.Core;
using Fleet.Transport.Connections;
using LanguageExt;

namespace Fleet.Transport;

/// <summary>How the client's connections to fleet behave.</summary>
public sealed record HttpTransportOptions
{
    /// <summary>The options used when none are given.</summary>
    public static HttpTransportOptions Default { get; } = new();

    /// <summary>The most connections open at once; further requests wait for one (default 8).</summary>
    public int MaxConnections { get; init; } = 8;

    /// <summary>How long an unused keep-alive connection is kept (default 60 s).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long opening a connection (with its TLS handshake, or a supplied connector's stream) may take (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request may wait for its whole response (default 30 s; fleetctl uses 3 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The response limits.</summary>
    public HttpLimits Limits { get; init; } = HttpLimits.Default;

    /// <summary>TLS files for https endpoints.</summary>
    public TlsOptions Tls { get; init; } = new();

    /// <summary>
    /// Another way to reach the endpoint's address (a tunnel, say), or null to connect
    /// directly by unix socket or TCP. Each client calls it once, with the endpoint it connects
    /// to, and owns the connector it answers (disposing it with the client when it is
    /// <see cref="IDisposable"/>); an error it answers is the client's connection error, unchanged.
    /// The connector yields the plain bytes to the endpoint's host and port, or to its unix socket
    /// path; for an https endpoint the transport still does TLS inside those streams, checking
    /// fleet's certificate against the endpoint's host name with <see cref="Tls"/>.
    /// </summary>
    public Func<FleetEndpoint, Either<APIError, IFleetConnector>>? Connector { get; init; }
}
