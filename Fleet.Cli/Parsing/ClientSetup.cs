using Fleet.Core;
using Fleet.Transport.Api;

namespace Fleet.Cli.Parsing;

/// <summary>What a command connects with: fleetctl's client, initialised but not yet connected.</summary>
/// <param name="Endpoint">Where fleet's API is.</param>
/// <param name="Options">Transport, tunnel and logging.</param>
internal sealed record ClientSetup(FleetEndpoint Endpoint, FleetClientOptions Options)
{
    /// <summary>The URL fleetctl names in its errors for a request to <paramref name="path"/> (as Go's http client prints it).</summary>
    /// <param name="path">The path and query under the API, such as <c>machines?alt=json</c>.</param>
    /// <returns>The URL, with <c>domain-sock</c> as the host of a unix socket.</returns>
    public string RequestUrl(string path)
    {
        var scheme = Endpoint.Kind == EndpointKind.Https ? "https" : "http";
        return $"{scheme}://{Endpoint.HostHeader}{Endpoint.BasePath.TrimEnd('/')}/fleet/v1/{path}";
    }
}
