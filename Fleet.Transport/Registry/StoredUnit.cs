using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Transport.Registry;

/// <summary>A unit as fleet's registry holds it: its object's name, its unit file found by hash, its desired state.</summary>
/// <param name="Name">The name in <c>job/NAME/object</c>.</param>
/// <param name="File">The unit file of <c>unit/HASH</c>.</param>
/// <param name="TargetState">The value of <c>job/NAME/target-state</c>, or none when it is not written yet.</param>
internal sealed record StoredUnit(string Name, UnitFile File, DesiredState? TargetState)
{
    /// <summary>The unit as fleet's API shows it (empty values left out, as fleet's JSON leaves them out).</summary>
    /// <param name="machineId">The value of <c>job/NAME/target</c>.</param>
    /// <param name="currentState">The derived current state; none for a global unit read alone, as fleet gives none.</param>
    public FleetUnit ToEntity(string? machineId, DesiredState? currentState) =>
        new(Name, File.Options, TargetState, currentState, string.IsNullOrEmpty(machineId) ? null : machineId);
}
