using System.Collections.Immutable;
using Fleet.Core;

namespace Fleet.Simulator.Cluster;

/// <summary>
/// What the machines' agents publish once they have acted on the schedule: the systemd state
/// of each unit on each machine, and the job heartbeats (unit name to machine id) that fleet
/// reads to call a unit launched.
/// </summary>
/// <param name="States">Unit states, sorted by unit name and then machine id; one per unit and machine.</param>
/// <param name="Heartbeats">Unit name to the machine id that heartbeats it.</param>
internal sealed record AgentReport(ImmutableSortedSet<UnitState> States, ImmutableDictionary<string, string> Heartbeats)
{
    /// <summary>Orders states as fleet lists them, and tells one unit's state on one machine from another.</summary>
    public static IComparer<UnitState> Order { get; } = Comparer<UnitState>.Create(static (a, b) =>
    {
        var byName = string.CompareOrdinal(a.Name, b.Name);
        return byName != 0 ? byName : string.CompareOrdinal(a.MachineId, b.MachineId);
    });

    public static AgentReport Empty { get; } = new(ImmutableSortedSet.Create(Order), ImmutableDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>Whether the unit's machine published a state for it.</summary>
    public bool HasState(string name, string machineId) => States.Contains(new UnitState(name, MachineId: machineId));

    /// <summary>The states published for one unit, by machine id; found in the sorted set, not by a walk over every state.</summary>
    public IEnumerable<UnitState> StatesOf(string name)
    {
        // A null machine id sorts before every real one, so the probe lands on the unit's first state.
        var start = States.IndexOf(new UnitState(name));
        if (start < 0) start = ~start;
        for (var i = start; i < States.Count && States[i].Name == name; i++) yield return States[i];
    }

    /// <summary>The report with one unit's states and heartbeat replaced by what its agents publish now.</summary>
    public AgentReport Replace(string name, IEnumerable<UnitState> states, string? heartbeat)
    {
        var set = States.Except(StatesOf(name).ToList()).Union(states);
        var beats = heartbeat is null ? Heartbeats.Remove(name) : Heartbeats.SetItem(name, heartbeat);
        return new AgentReport(set, beats);
    }
}
