using System.Collections.Immutable;
using Fleet.Core;

namespace Fleet.Simulator.Cluster;

/// <summary>
/// The machines' agents as a pure function: what they publish once a working systemd has acted on
/// the schedule, and how fleet's registry turns that into a unit's current state.
/// </summary>
internal static class Agent
{
    /// <summary>
    /// The unit states and heartbeats the agents publish: a unit with target <c>loaded</c> is
    /// <c>loaded/inactive/dead</c> on its machine, one with <c>launched</c> is
    /// <c>loaded/active/running</c> and heartbeated from there; inactive and unscheduled units
    /// publish nothing. A global unit that is loaded or launched gets a state on every machine whose
    /// metadata it accepts. Units whose stored target state fleet cannot parse are invisible to the
    /// agents (the registry skips them), so they publish nothing either.
    /// </summary>
    /// <param name="machines">The machines of the cluster.</param>
    /// <param name="units">Every unit in the registry, as the engine left them.</param>
    /// <returns>The states, sorted by unit name then machine id, and the heartbeats.</returns>
    public static AgentReport Publish(IReadOnlyList<SimulatedMachine> machines, IReadOnlyList<StoredUnit> units)
    {
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(units);
        var states = ImmutableArray.CreateBuilder<UnitState>();
        var heartbeats = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var stored in units)
        {
            if (EngineUnit.Read(stored) is not { IsInactive: false } unit) continue;
            if (unit.IsGlobal)
            {
                foreach (var machine in machines)
                {
                    if (EngineAgentState.HasMetadata(machine.Metadata, unit.Requirements.MachineMetadata)) states.Add(StateOf(unit, machine.Id));
                }
                continue;
            }
            if (stored.TargetMachineId is not { } target || !machines.Any(m => m.Id == target)) continue;
            states.Add(StateOf(unit, target));
            if (unit.TargetState == EngineUnit.Launched) heartbeats[unit.Name] = target;
        }
        states.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.MachineId, b.MachineId);
        });
        return new AgentReport(states.ToImmutable(), heartbeats.ToImmutable());
    }

    /// <summary>
    /// A unit's <c>currentState</c> as <c>GET /units/NAME</c> shows it (fleet's
    /// <c>determineJobState</c>): <c>inactive</c> unless it is scheduled and its machine published a
    /// state for it, then <c>launched</c> when that machine heartbeats it, else <c>loaded</c>. Null for
    /// a global unit, which the API shows with neither currentState nor machineID.
    /// </summary>
    /// <param name="unit">The unit as the engine left it.</param>
    /// <param name="report">What the agents published.</param>
    /// <returns>The current state, or null when the API leaves it out.</returns>
    public static string? CurrentState(StoredUnit unit, AgentReport report)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(report);
        return unit.File.Requirements(unit.Name).Global ? null : JobState(unit, report);
    }

    /// <summary>
    /// A unit's <c>currentState</c> as the units list (<c>GET /units</c>) shows it: the same as
    /// <see cref="CurrentState"/>, except that fleet builds the list from the whole schedule, global
    /// units included, so a global unit shows <c>inactive</c> there (and its machineID, which the
    /// engine never sets, stays absent).
    /// </summary>
    /// <param name="unit">The unit as the engine left it.</param>
    /// <param name="report">What the agents published.</param>
    /// <returns>The current state the list shows.</returns>
    public static string ListedCurrentState(StoredUnit unit, AgentReport report)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(report);
        return JobState(unit, report);
    }

    private static string JobState(StoredUnit unit, AgentReport report)
    {
        if (unit.TargetMachineId is not { } target || !HasState(report, unit.Name, target)) return EngineUnit.Inactive;
        return report.Heartbeats.TryGetValue(unit.Name, out var beating) && beating == target ? EngineUnit.Launched : EngineUnit.Loaded;
    }

    private static bool HasState(AgentReport report, string name, string machineId) =>
        report.States.Any(state => state.Name == name && state.MachineId == machineId);

    private static UnitState StateOf(EngineUnit unit, string machineId) =>
        unit.TargetState == EngineUnit.Launched
            ? new UnitState(unit.Name, unit.Stored.File.Hash, machineId, "loaded", "active", "running")
            : new UnitState(unit.Name, unit.Stored.File.Hash, machineId, "loaded", "inactive", "dead");
}
