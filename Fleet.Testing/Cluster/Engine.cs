// First version: MachineID, MachineMetadata, Global and least-loaded placement only.
// Conflicts, MachineOf and Replaces are not yet applied (replay entries 0054, 0077-0084, 0381 differ).
using System.Collections.Immutable;
namespace Fleet.Testing.Cluster;
internal static class Engine
{
    public static ImmutableArray<StoredUnit> Reconcile(IReadOnlyList<SimulatedMachine> machines, IReadOnlyList<StoredUnit> units)
    {
        var result = new List<StoredUnit>();
        var load = machines.ToDictionary(m => m.Id, m => units.Count(u => u.TargetMachineId == m.Id));
        foreach (var u in units)
        {
            var req = u.File.Requirements(u.Name);
            var active = u.TargetState is "loaded" or "launched";
            if (req.Global || !active) { if (u.TargetMachineId is { } m && load.ContainsKey(m)) load[m]--; result.Add(u with { TargetMachineId = null }); continue; }
            if (u.TargetMachineId is not null && load.ContainsKey(u.TargetMachineId)) { result.Add(u); continue; }
            var best = machines.Where(m => req.MachineId is null || m.Id.StartsWith(req.MachineId, StringComparison.Ordinal))
                .Where(m => req.MachineMetadata.All(kv => m.Metadata.TryGetValue(kv.Key, out var v) && kv.Value.Contains(v)))
                .OrderBy(m => load[m.Id]).ThenBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault();
            if (best is not null) load[best.Id]++;
            result.Add(u with { TargetMachineId = best?.Id });
        }
        return [.. result];
    }
}
