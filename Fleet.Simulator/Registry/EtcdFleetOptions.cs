using System.Net;
using Fleet.Transport.Registry;

namespace Fleet.Simulator.Registry;

/// <summary>Where an <see cref="EtcdFleet"/> finds fleet's registry, how often its engine and agents act, and where it serves fleet's API.</summary>
public sealed record EtcdFleetOptions
{
    /// <summary>How often the engine and agents act when no interval is given: every 200 ms, as the reference cluster's stand-in did.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The options used when none are given.</summary>
    public static EtcdFleetOptions Default { get; } = new();

    /// <summary>The key prefix (fleet's <c>/_coreos.com/fleet/</c> by default) and the etcd client's options.</summary>
    public FleetRegistryOptions Registry { get; init; } = FleetRegistryOptions.Default;

    /// <summary>The time between two passes of the engine and agents; more than zero.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>
    /// A unix socket path to serve fleet's API on, over the registry in etcd, as fleetd serves it
    /// (<c>/var/run/fleet.sock</c> there). A stale socket file there (nobody listening) is
    /// replaced; one a running server answers on is refused.
    /// </summary>
    public string? UnixSocketPath { get; init; }

    /// <summary>A TCP address to serve fleet's API on (port 0: any free one).</summary>
    public IPEndPoint? TcpEndPoint { get; init; }
}
