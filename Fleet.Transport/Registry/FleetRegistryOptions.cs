using Fleet.Transport.Etcd;

namespace Fleet.Transport.Registry;

/// <summary>
/// Where fleet's registry is in etcd and how etcd is reached, for a <see cref="FleetClient"/>
/// made by <see cref="FleetClient.ConnectToRegistryAsync"/> (fleetctl's <c>--driver=etcd</c>,
/// <c>--etcd-key-prefix</c> and its etcd flags).
/// </summary>
public sealed record FleetRegistryOptions
{
    /// <summary>fleet's own key prefix, <c>/_coreos.com/fleet/</c> (fleetd's and fleetctl's default).</summary>
    public const string DefaultKeyPrefix = "/_coreos.com/fleet/";

    /// <summary>The options used when none are given.</summary>
    public static FleetRegistryOptions Default { get; } = new();

    /// <summary>
    /// The folder in etcd under which fleet keeps its registry. It is read as fleet reads it:
    /// with or without the final slash, and a missing first slash added (<c>/otherfleet</c> and
    /// <c>/otherfleet/</c> are the same).
    /// </summary>
    public string KeyPrefix { get; init; } = DefaultKeyPrefix;

    /// <summary>The request timeout, TLS, connector (an SSH tunnel), limits and logging of the etcd client.</summary>
    public EtcdClientOptions Etcd { get; init; } = EtcdClientOptions.Default;
}
