using System.Text.Json.Serialization;
using Fleet.Core.Collections;

namespace Fleet.Core;

/// <summary>A page of machines, as fleet answers a list request.</summary>
public sealed record MachinePage : IPage<Machine>
{
    /// <summary>Creates a page.</summary>
    /// <param name="machines">The machines on the page.</param>
    /// <param name="nextPageToken">The token for the next page; absent on the last.</param>
    [JsonConstructor]
    public MachinePage(IReadOnlyList<Machine>? machines = null, string? nextPageToken = null)
    {
        Machines = machines ?? ValueList<Machine>.Empty;
        NextPageToken = nextPageToken;
    }

    /// <summary>The machines on the page; compared by content.</summary>
    [JsonPropertyName("machines")]
    public IReadOnlyList<Machine> Machines { get; init => field = ValueList<Machine>.From(value ?? []); }

    /// <inheritdoc />
    [JsonPropertyName("nextPageToken")]
    public string? NextPageToken { get; init; }

    IReadOnlyList<Machine> IPage<Machine>.Items => Machines;
}
