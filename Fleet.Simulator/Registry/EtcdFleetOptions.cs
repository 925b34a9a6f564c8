using Fleet.Transport.Registry;

namespace Fleet.Simulator.Registry;

/// <summary>Where an <see cref="EtcdFleet"/> finds fleet's registry and how often its engine and agents act.</summary>
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
}
