using Fleet.Core;

namespace Fleet;

/// <summary>How far a unit has got, as one poll of <see cref="O:Fleet.FleetClient.WaitForUnitAsync"/> saw it.</summary>
/// <param name="Name">The unit's name.</param>
/// <param name="DesiredState">The state fleet is driving it to.</param>
/// <param name="CurrentState">The state fleet reports it has reached; null for a global unit, which fleet never reports one for.</param>
/// <param name="MachineId">The machine it is scheduled to, once it is.</param>
/// <param name="ActiveState">systemd's active state on that machine (<c>active</c>, <c>inactive</c>, ...), once published.</param>
/// <param name="SubState">systemd's sub-state on that machine (<c>running</c>, <c>dead</c>, ...), once published.</param>
public sealed record UnitProgress(string Name, DesiredState? DesiredState, DesiredState? CurrentState, string? MachineId, string? ActiveState, string? SubState);
