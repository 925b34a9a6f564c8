using Fleet.Core;
using Fleet.Transport.Registry;
using LanguageExt;

namespace Fleet.Cli.Parsing;

/// <summary>What a command connects with: fleetctl's client, initialised but not yet connected.</summary>
/// <param name="Endpoint">Where fleet's API is (for the etcd driver: its first member).</param>
/// <param name="Options">Transport, tunnel and logging.</param>
internal sealed record ClientSetup(FleetEndpoint Endpoint, FleetClientOptions Options)
{
    /// <summary>For <c>--driver=etcd</c>: etcd's members and where fleet's registry lies there; null for fleet's API.</summary>
    public RegistrySetup? Registry { get; init; }

    /// <summary>Connects with the driver the settings named.</summary>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The client, or why it could not connect.</returns>
    public Task<Either<APIError, FleetClient>> ConnectAsync(CancellationToken cancellationToken) =>
        Registry is { } registry
            ? FleetClient.ConnectToRegistryAsync(registry.Endpoints, registry.Options, cancellationToken)
            : FleetClient.ConnectAsync(Endpoint, Options, cancellationToken);

    /// <summary>The targets of the requests the client sends.</summary>
    public FleetTargets Targets => new(Endpoint);

    /// <summary>
    /// The URL fleetctl names in its errors for a request to <paramref name="target"/> (as Go's
    /// http client prints it): fleetctl's generated client adds <c>alt=json</c> to each.
    /// </summary>
    /// <param name="target">The request's target, one of <see cref="Targets"/>.</param>
    /// <returns>The URL, with <c>domain-sock</c> as the host of a unix socket.</returns>
    public string RequestUrl(string target)
    {
        var scheme = Endpoint.Kind == EndpointKind.Https ? "https" : "http";
        return $"{scheme}://{Endpoint.HostHeader}{target}?alt=json";
    }

    /// <summary>The target of one unit's requests.</summary>
    /// <param name="name">The unit's name.</param>
    /// <returns>The target; for a name the client refuses to send (<c>.</c>, <c>..</c>), the name as given under the units.</returns>
    public string UnitTarget(string name) => Targets.Unit(name).Match(target => target, _ => Targets.Units + "/" + name);
}

/// <summary>The etcd driver's part of a client setup.</summary>
/// <param name="Endpoints">etcd's members, as <c>--endpoint</c> listed them.</param>
/// <param name="Options">The key prefix and the etcd client's options.</param>
internal sealed record RegistrySetup(IReadOnlyList<string> Endpoints, FleetRegistryOptions Options);
