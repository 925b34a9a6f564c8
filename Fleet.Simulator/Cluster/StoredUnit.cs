using Fleet.UnitFiles;
using Fleet.UnitFiles.Requirements;

namespace Fleet.Simulator.Cluster;

/// <summary>
/// A unit as fleet's registry stores it: its file, the target state as the text it was given
/// (fleet stores an invalid one unchecked on update), and the machine the engine scheduled it
/// to, if any.
/// </summary>
/// <param name="Name">The unit name.</param>
/// <param name="File">The unit file.</param>
/// <param name="TargetState">The desired state as stored: <c>inactive</c>, <c>loaded</c>, <c>launched</c>, or anything a PUT slipped in.</param>
/// <param name="TargetMachineId">The machine the engine scheduled it to; null when unscheduled (and always for global units).</param>
internal sealed record StoredUnit(string Name, UnitFile File, string TargetState, string? TargetMachineId = null)
{
    // Read once per stored file: the engine and agents consult it on every pass. A `with` that
    // changes the state or the machine keeps it, as it depends on the name and the file only.
    private readonly Lazy<FleetRequirements> requirements = new(() => File.Requirements(Name), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The unit's <c>[X-Fleet]</c> requirements, read with its own name.</summary>
    public FleetRequirements Requirements => requirements.Value;

    /// <summary>Equal when the stored fields are; the requirements read from them are not compared.</summary>
    public bool Equals(StoredUnit? other) =>
        other is not null && Name == other.Name && Equals(File, other.File) && TargetState == other.TargetState && TargetMachineId == other.TargetMachineId;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, File, TargetState, TargetMachineId);
}
