using System.Text.Json.Serialization;
using Fleet.Core.Collections;

namespace Fleet.Core;

/// <summary>A page of unit states, as fleet answers a list request.</summary>
public sealed record UnitStatePage : IPage<UnitState>
{
    /// <summary>Creates a page.</summary>
    /// <param name="states">The unit states on the page.</param>
    /// <param name="nextPageToken">The token for the next page; absent on the last.</param>
    [JsonConstructor]
    public UnitStatePage(IReadOnlyList<UnitState>? states = null, string? nextPageToken = null)
    {
        States = states ?? ValueList<UnitState>.Empty;
        NextPageToken = nextPageToken;
    }

    /// <summary>The unit states on the page; compared by content.</summary>
    [JsonPropertyName("states")]
    public IReadOnlyList<UnitState> States { get; init => field = ValueList<UnitState>.From(value ?? []); }

    /// <inheritdoc />
    [JsonPropertyName("nextPageToken")]
    public string? NextPageToken { get; init; }

    IReadOnlyList<UnitState> IPage<UnitState>.Items => States;
}
