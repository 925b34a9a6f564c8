namespace Fleet.Simulator.Cluster;

/// <summary>
/// What the engine learnt on earlier passes about units no machine would take, kept by the
/// cluster from one pass to the next. Whether a machine can run a unit depends only on the unit
/// and on the machine and the units it holds, so a unit refused everywhere need only be tried
/// again on the machines whose holdings have changed since: with fleet's usual
/// <c>Conflicts=app@*</c> units, a new unit is tried on one machine instead of on every one.
/// </summary>
internal sealed class PlacementMemory
{
    private static readonly Comparer<(long Changed, string Id)> ByChange = Comparer<(long Changed, string Id)>.Create(static (a, b) =>
        a.Changed != b.Changed ? a.Changed.CompareTo(b.Changed) : string.CompareOrdinal(a.Id, b.Id));

    private readonly Dictionary<string, (SimulatedMachine Machine, StoredUnit[] Holds, long Changed)> seen = new(StringComparer.Ordinal);
    private readonly SortedSet<(long Changed, string Id)> changes = new(ByChange);
    private readonly Dictionary<string, (StoredUnit Unit, long Epoch)> refused = new(StringComparer.Ordinal);
    private long epoch;

    /// <summary>Notes the machines whose holdings differ from when they were last seen.</summary>
    /// <param name="agents">The engine's view of every machine, as just built.</param>
    public void Observe(IReadOnlyDictionary<string, EngineAgentState> agents)
    {
        var stamp = epoch + 1;
        var changed = false;
        foreach (var (id, agent) in agents)
        {
            if (seen.TryGetValue(id, out var last) && ReferenceEquals(last.Machine, agent.Machine) && SameHoldings(last.Holds, agent.Units)) continue;
            if (seen.ContainsKey(id)) changes.Remove((last.Changed, id));
            seen[id] = (agent.Machine, [.. agent.Units.Select(unit => unit.Stored)], stamp);
            changes.Add((stamp, id));
            changed = true;
        }
        foreach (var gone in seen.Keys.Where(id => !agents.ContainsKey(id)).ToList())
        {
            changes.Remove((seen[gone].Changed, gone));
            seen.Remove(gone);
        }
        if (changed) epoch = stamp;
    }

    /// <summary>
    /// The machines worth trying for the unit: those changed since it was refused everywhere, or
    /// null (every machine) when it has not been, or has changed itself since.
    /// </summary>
    public IEnumerable<string>? Candidates(EngineUnit unit)
    {
        if (!refused.TryGetValue(unit.Name, out var last) || !ReferenceEquals(last.Unit, unit.Stored)) return null;
        return changes.GetViewBetween((last.Epoch + 1, ""), (long.MaxValue, "")).Select(change => change.Id);
    }

    /// <summary>Remembers that no machine, as last observed, would take the unit.</summary>
    public void Refuse(EngineUnit unit) => refused[unit.Name] = (unit.Stored, epoch);

    /// <summary>Forgets a unit that found a machine, or left the registry.</summary>
    public void Forget(string name) => refused.Remove(name);

    private static bool SameHoldings(StoredUnit[] last, IReadOnlyList<EngineUnit> now)
    {
        if (last.Length != now.Count) return false;
        for (var i = 0; i < last.Length; i++)
        {
            if (!ReferenceEquals(last[i], now[i].Stored)) return false;
        }
        return true;
    }
}
