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
        var states = ImmutableSortedSet.CreateBuilder(AgentReport.Order);
        var heartbeats = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var stored in units)
        {
            var (published, heartbeat) = Publish(machines, stored);
            states.UnionWith(published);
            if (heartbeat is not null) heartbeats[stored.Name] = heartbeat;
        }
        return new AgentReport(states.ToImmutable(), heartbeats.ToImmutable());
    }

    /// <summary>
    /// The report after some units changed: each named unit's states and heartbeat published
    /// again from what the registry holds now (none when it is gone), the rest kept, so the agents'
    /// work follows the change, not the size of the cluster.
    /// </summary>
    /// <param name="report">What the agents published before the change.</param>
    /// <param name="machines">The machines of the cluster, unchanged since that report.</param>
    /// <param name="changed">The names of the units that changed.</param>
    /// <param name="find">The unit of that name as the engine left it, or null when it is gone.</param>
    public static AgentReport Republish(AgentReport report, IReadOnlyList<SimulatedMachine> machines, IEnumerable<string> changed, Func<string, StoredUnit?> find)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(find);
        foreach (var name in changed)
        {
            var (states, heartbeat) = find(name) is { } stored ? Publish(machines, stored) : ([], null);
            report = report.Replace(name, states, heartbeat);
        }
        return report;
    }

    // What one unit's agents publish: its states, and the machine that heartbeats it.
    private static (List<UnitState> States, string? Heartbeat) Publish(IReadOnlyList<SimulatedMachine> machines, StoredUnit stored)
    {
        if (EngineUnit.Read(stored) is not { IsInactive: false } unit) return ([], null);
        if (unit.IsGlobal)
        {
            return ([.. machines
                .Where(machine => EngineAgentState.HasMetadata(machine.Metadata, unit.Requirements.MachineMetadata))
                .Select(machine => StateOf(unit, machine.Id))], null);
        }
        if (stored.TargetMachineId is not { } target || !machines.Any(m => m.Id == target)) return ([], null);
        return ([StateOf(unit, target)], unit.TargetState == EngineUnit.Launched ? target : null);
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
        return unit.Requirements.Global ? null : JobState(unit, report);
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
        if (unit.TargetMachineId is not { } target || !report.HasState(unit.Name, target)) return EngineUnit.Inactive;
        return report.Heartbeats.TryGetValue(unit.Name, out var beating) && beating == target ? EngineUnit.Launched : EngineUnit.Loaded;
    }

    private static UnitState StateOf(EngineUnit unit, string machineId) =>
        unit.TargetState == EngineUnit.Launched
            ? new UnitState(unit.Name, unit.Stored.File.Hash, machineId, "loaded", "active", "running")
            : new UnitState(unit.Name, unit.Stored.File.Hash, machineId, "loaded", "inactive", "dead");
}
