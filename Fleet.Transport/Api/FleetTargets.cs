using System.Text;
using Fleet.Core;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet;

/// <summary>
/// The request targets of fleet's v1 routes, under the endpoint's path prefix: the ones
/// <see cref="FleetClient"/> sends, for messages that name a request. Every path segment and
/// query value is escaped, so no name can change the request line.
/// </summary>
public sealed class FleetTargets
{
    private readonly string root;

    /// <summary>The targets of fleet's routes at an endpoint.</summary>
    /// <param name="endpoint">The endpoint, whose <see cref="FleetEndpoint.BasePath"/> prefixes every target.</param>
    public FleetTargets(FleetEndpoint endpoint)
        : this(endpoint?.BasePath ?? throw new ArgumentNullException(nameof(endpoint)))
    {
    }

    internal FleetTargets(string basePath) => root = basePath + "/fleet/v1/";

    /// <summary>The discovery document: <c>/fleet/v1/discovery</c>.</summary>
    public string Discovery => root + "discovery";

    /// <summary>The machines (their first page, and metadata edits): <c>/fleet/v1/machines</c>.</summary>
    public string Machines => root + "machines";

    /// <summary>The units' first page: <c>/fleet/v1/units</c>.</summary>
    public string Units => root + "units";

    /// <summary>The unit states' first page, unfiltered: <c>/fleet/v1/state</c>.</summary>
    public string States => root + "state";

    /// <summary>One unit: <c>/fleet/v1/units/NAME</c>, the name escaped.</summary>
    /// <param name="name">The unit's name.</param>
    /// <returns>The target, or a Validation error for a name that cannot be a path segment (<c>.</c>, <c>..</c>).</returns>
    public Either<APIError, string> Unit(string name) => Under("units/", name);

    /// <summary>One unit's state: <c>/fleet/v1/state/NAME</c>, the name escaped.</summary>
    /// <param name="name">The unit's name.</param>
    /// <returns>The target, or a Validation error for a name that cannot be a path segment (<c>.</c>, <c>..</c>).</returns>
    public Either<APIError, string> State(string name) => Under("state/", name);

    // Without Map's closure: a unit's target is built on every request for it.
    private Either<APIError, string> Under(string collection, string name) =>
        PathSegment.Escape(name).Failed(out var segment, out var error) ? error : root + collection + segment;

    internal string Page(string collection, string? token, params (string Name, string? Value)[] filters)
    {
        var target = new StringBuilder(root).Append(collection);
        var separator = '?';
        foreach (var (name, value) in filters) Query(target, ref separator, name, value);
        Query(target, ref separator, "nextPageToken", token);
        return target.ToString();
    }

    private static void Query(StringBuilder target, ref char separator, string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        target.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
        separator = '&';
    }
}
