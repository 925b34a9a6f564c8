using System.Text.Json.Serialization;
using Fleet.Core.Collections;

namespace Fleet.Core;

/// <summary>A page of units, as fleet answers a list request.</summary>
public sealed record UnitPage : IPage<FleetUnit>
{
    /// <summary>Creates a page.</summary>
    /// <param name="units">The units on the page.</param>
    /// <param name="nextPageToken">The token for the next page; absent on the last.</param>
    [JsonConstructor]
    public UnitPage(IReadOnlyList<FleetUnit>? units = null, string? nextPageToken = null)
    {
        Units = units ?? ValueList<FleetUnit>.Empty;
        NextPageToken = nextPageToken;
    }

    /// <summary>The units on the page; compared by content.</summary>
    [JsonPropertyName("units")]
    public IReadOnlyList<FleetUnit> Units { get; init => field = ValueList<FleetUnit>.From(value ?? []); }

    /// <inheritdoc />
    [JsonPropertyName("nextPageToken")]
    public string? NextPageToken { get; init; }

    IReadOnlyList<FleetUnit> IPage<FleetUnit>.Items => Units;
}
