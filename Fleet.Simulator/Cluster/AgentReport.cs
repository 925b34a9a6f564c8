using System.Collections.Immutable;
using Fleet.Core;

namespace Fleet.Simulator.Cluster;

/// <summary>
/// What the machines' agents publish once they have acted on the schedule: the systemd state
/// of each unit on each machine, and the job heartbeats (unit name to machine id) that fleet
/// reads to call a unit launched.
/// </summary>
/// <param name="States">Unit states, sorted by unit name and then machine id.</param>
/// <param name="Heartbeats">Unit name to the machine id that heartbeats it.</param>
internal sealed record AgentReport(ImmutableArray<UnitState> States, ImmutableDictionary<string, string> Heartbeats)
{
    public static AgentReport Empty { get; } = new([], ImmutableDictionary<string, string>.Empty);
}
