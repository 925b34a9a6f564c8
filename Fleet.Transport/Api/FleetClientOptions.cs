using Microsoft.Extensions.Logging;
using Fleet.Transport;

namespace Fleet;

/// <summary>How a <see cref="FleetClient"/> reaches fleet and what it logs.</summary>
public sealed record FleetClientOptions
{
    /// <summary>The options used when none are given.</summary>
    public static FleetClientOptions Default { get; } = new();

    /// <summary>Connections, timeouts, limits and TLS.</summary>
    public HttpTransportOptions Transport { get; init; } = HttpTransportOptions.Default;

    /// <summary>Where each HTTP exchange is logged: one line at Debug, bodies only at Trace (unit files can hold secrets).</summary>
    public ILogger? Logger { get; init; }
}
