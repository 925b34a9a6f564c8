using System.Text.Json.Serialization;

namespace Fleet.Core;

/// <summary>What systemd on one machine reports about a unit (one row of <c>fleetctl list-units</c>).</summary>
/// <param name="Name">The unit name.</param>
/// <param name="Hash">fleet's hash of the unit file the machine runs (lowercase hex SHA1).</param>
/// <param name="MachineId">The machine reporting.</param>
/// <param name="SystemdLoadState">systemd's load state (<c>loaded</c>, <c>not-found</c>, ...).</param>
/// <param name="SystemdActiveState">systemd's active state (<c>active</c>, <c>inactive</c>, <c>failed</c>, ...).</param>
/// <param name="SystemdSubState">systemd's sub-state (<c>running</c>, <c>dead</c>, ...).</param>
public sealed record UnitState(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hash")] string? Hash = null,
    [property: JsonPropertyName("machineID")] string? MachineId = null,
    [property: JsonPropertyName("systemdLoadState")] string? SystemdLoadState = null,
    [property: JsonPropertyName("systemdActiveState")] string? SystemdActiveState = null,
    [property: JsonPropertyName("systemdSubState")] string? SystemdSubState = null);
