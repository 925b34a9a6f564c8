using Fleet.Core;
using Fleet.Transport.Connections;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace Fleet.Transport.Etcd;

/// <summary>How an <see cref="EtcdKeysClient"/> reaches etcd's members and what it logs.</summary>
public sealed record EtcdClientOptions
{
    /// <summary>fleetctl's <c>--request-timeout</c> default: 3 s.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The options used when none are given.</summary>
    public static EtcdClientOptions Default { get; } = new();

    /// <summary>
    /// How long one member may take to answer one request, its connection included (fleetctl's
    /// <c>--request-timeout</c>, which Go's client uses per request and per member); when it
    /// passes, the next member is tried. Positive, or <see cref="Timeout.InfiniteTimeSpan"/>.
    /// Default 3 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>TLS files for https members: the CA that signs etcd's certificates (the system's store when absent), and a client certificate with its key.</summary>
    public TlsOptions Tls { get; init; } = new();

    /// <summary>
    /// Another way to reach each member's address (an SSH tunnel's direct-tcpip channel, say), or
    /// null to connect by TCP; as <see cref="HttpTransportOptions.Connector"/>, called once per
    /// member (and per redirect target), TLS still done by the client for https members.
    /// </summary>
    public Func<FleetEndpoint, Either<APIError, IFleetConnector>>? Connector { get; init; }

    /// <summary>The most connections open at once to one member (default 8).</summary>
    public int MaxConnectionsPerMember { get; init; } = 8;

    /// <summary>The response limits.</summary>
    public HttpLimits Limits { get; init; } = HttpLimits.Default;

    /// <summary>Where each HTTP exchange is logged: one line at Debug, bodies only at Trace.</summary>
    public ILogger? Logger { get; init; }
}
