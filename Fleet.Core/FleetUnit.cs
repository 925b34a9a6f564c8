using System.Text.Json.Serialization;
using Fleet.Core.Collections;

namespace Fleet.Core;

/// <summary>
/// A unit as fleet's API knows it: its name, the options of its unit file, the state fleet is
/// driving it to and, once scheduled, where it is and how far it has got.
/// </summary>
public sealed record FleetUnit
{
    /// <summary>Creates a unit entity.</summary>
    /// <param name="name">The unit name (<c>hello.service</c>).</param>
    /// <param name="options">The options of its unit file, in file order.</param>
    /// <param name="desiredState">The state fleet should drive it to.</param>
    /// <param name="currentState">The state it has reached, when fleet reports one.</param>
    /// <param name="machineId">The machine it is scheduled to, when it is.</param>
    [JsonConstructor]
    public FleetUnit(
        string name,
        IReadOnlyList<UnitOption>? options = null,
        DesiredState? desiredState = null,
        DesiredState? currentState = null,
        string? machineId = null)
    {
        Name = name;
        Options = options ?? ValueList<UnitOption>.Empty;
        DesiredState = desiredState;
        CurrentState = currentState;
        MachineId = machineId;
    }

    /// <summary>The unit name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init => field = value ?? throw new ArgumentNullException(nameof(Name)); }

    /// <summary>The options of its unit file, in file order; compared by content.</summary>
    [JsonPropertyName("options")]
    public IReadOnlyList<UnitOption> Options { get; init => field = ValueList<UnitOption>.From(value ?? []); }

    /// <summary>The state fleet drives the unit to; absent only in requests that leave it unchanged.</summary>
    [JsonPropertyName("desiredState")]
    public DesiredState? DesiredState { get; init; }

    /// <summary>The state the unit has reached; absent while it has never been scheduled.</summary>
    [JsonPropertyName("currentState")]
    public DesiredState? CurrentState { get; init; }

    /// <summary>The 32-hex-character id of the machine it is scheduled to; absent when unscheduled.</summary>
    [JsonPropertyName("machineID")]
    public string? MachineId { get; init; }
}
