// First version: MachineID, MachineMetadata, Global and least-loaded placement only.
// Conflicts, MachineOf and Replaces are not yet applied (replay entries 0054, 0077-0084, 0381 differ).
using System.Collections.Immutable;
using Fleet.Core;
namespace Fleet.Testing.Cluster;
internal static class Agent
{
    public static AgentReport Publish(IReadOnlyList<SimulatedMachine> machines, IReadOnlyList<StoredUnit> units)
    {
        var states = new List<UnitState>();
        var beats = ImmutableDictionary<string, string>.Empty;
        foreach (var u in units)
        {
            if (u.TargetState is not ("loaded" or "launched")) continue;
            var req = u.File.Requirements(u.Name);
            var on = req.Global ? machines.Where(m => req.MachineMetadata.All(kv => m.Metadata.TryGetValue(kv.Key, out var v) && kv.Value.Contains(v))).Select(m => m.Id) : u.TargetMachineId is { } t ? [t] : [];
            foreach (var m in on)
            {
                states.Add(u.TargetState == "loaded" ? new UnitState(u.Name, u.File.Hash, m, "loaded", "inactive", "dead") : new UnitState(u.Name, u.File.Hash, m, "loaded", "active", "running"));
                if (u.TargetState == "launched" && !req.Global) beats = beats.SetItem(u.Name, m);
            }
        }
        return new AgentReport([.. states.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.MachineId, StringComparer.Ordinal)], beats);
    }
    public static string? CurrentState(StoredUnit unit, AgentReport report)
    {
        if (unit.File.Requirements(unit.Name).Global) return null;
        if (unit.TargetMachineId is null) return "inactive";
        if (!report.States.Any(s => s.Name == unit.Name && s.MachineId == unit.TargetMachineId)) return "inactive";
        return report.Heartbeats.TryGetValue(unit.Name, out var m) && m == unit.TargetMachineId ? "launched" : "loaded";
    }
}
