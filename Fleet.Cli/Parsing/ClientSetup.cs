using Fleet.Core;

namespace Fleet.Cli.Parsing;

/// <summary>What a command connects with: fleetctl's client, initialised but not yet connected.</summary>
/// <param name="Endpoint">Where fleet's API is.</param>
/// <param name="Options">Transport, tunnel and logging.</param>
internal sealed record ClientSetup(FleetEndpoint Endpoint, FleetClientOptions Options)
{
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
