using Fleet.Transport.Http;

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

    /// <summary>How long opening a connection (with its TLS handshake, or its SSH session and channel) may take (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request may wait for its whole response (default 30 s; fleetctl uses 3 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The response limits.</summary>
    public HttpLimits Limits { get; init; } = HttpLimits.Default;

    /// <summary>TLS files for https endpoints.</summary>
    public Connections.TlsOptions Tls { get; init; } = new();

    /// <summary>An SSH tunnel to reach fleet through, or null to connect directly.</summary>
    public Ssh.SshTunnelOptions? Ssh { get; init; }
}
