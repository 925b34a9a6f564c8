using Fleet.UnitFiles;

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
internal sealed record StoredUnit(string Name, UnitFile File, string TargetState, string? TargetMachineId = null);
