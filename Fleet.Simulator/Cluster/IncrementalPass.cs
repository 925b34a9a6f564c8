namespace Fleet.Simulator.Cluster;

/// <summary>
/// One reconcile pass of fleet's engine (<see cref="EnginePass"/>, no Replaces relation, the
/// reference rules) played on what changed since the cluster last settled, landing exactly where
/// the pass over every unit lands.
/// </summary>
/// <remarks>
/// Why the rest cannot move. The settled cluster was left alone by a whole pass: every job on a
/// machine could stay there, and every job on none was refused by every machine. A unit untouched
/// since then (not in <c>touched</c>: not stored anew, not moved by an earlier pass) is where it
/// was, so:
/// <list type="bullet">
/// <item>On a machine it is unscheduled only for a conflict (its machine and metadata still fit,
/// and the reference rules keep a unit whose peer left): the jobs it shared that machine with then
/// did not conflict with it, and global units are only ever added where they conflict with no job.
/// So it can only clash with a touched unit that came to its machine, and only machines holding a
/// touched job need looking at; there, the pass is played in name order on the touched jobs and
/// the jobs they clash with, each against what the machine still holds.</item>
/// <item>Off every machine, it is refused by every machine that holds what it held then. A machine
/// that was touched takes it only if it gained a peer its MachineOf names or lost a unit it
/// clashed with (<see cref="EngineIndex.Reopened"/>); such units are tried, at their turn in name
/// order, on the touched machines only.</item>
/// </list>
/// Touched units are tried as the pass tries them, on every machine, least loaded first.
/// </remarks>
internal static class IncrementalPass
{
    /// <summary>Plays one pass; every unit it moves is written through <paramref name="store"/>, which must update the index.</summary>
    /// <param name="index">The engine's view, following every store.</param>
    /// <param name="touched">The units changed or moved since the cluster settled.</param>
    /// <param name="find">The unit of that name as stored now, or null.</param>
    /// <param name="store">Writes a unit back to the registry (and the index).</param>
    /// <returns>The units the pass moved, in the order it moved them.</returns>
    public static List<string> Run(EngineIndex index, IReadOnlySet<string> touched, Func<string, StoredUnit?> find, Action<StoredUnit> store)
    {
        var moved = new List<string>();
        Unschedule(index, touched, find, store, moved);
        Schedule(index, touched, find, store, moved);
        return moved;
    }

    // fleet's first loop: a scheduled unit that is inactive, whose machine is gone, or that may no
    // longer run there is unscheduled. Whether it may depends on its own machine alone, so the
    // machines are played one by one.
    private static void Unschedule(EngineIndex index, IReadOnlySet<string> touched, Func<string, StoredUnit?> find, Action<StoredUnit> store, List<string> moved)
    {
        var arrivals = new SortedDictionary<string, List<EngineUnit>>(StringComparer.Ordinal);
        foreach (var name in touched)
        {
            if (find(name) is not { TargetMachineId: { } target } unit || EngineUnit.Read(unit) is not { IsGlobal: false } job) continue;
            if (index.MachineOf(name) != target)
            {
                // Not counted on its machine: inactive, or the machine is gone.
                store(unit with { TargetMachineId = null });
                moved.Add(name);
                continue;
            }
            if (!arrivals.TryGetValue(target, out var jobs)) arrivals[target] = jobs = [];
            jobs.Add(job);
        }
        foreach (var (machineId, jobs) in arrivals)
        {
            var agent = index.Agent(machineId);
            var suspects = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var job in jobs)
            {
                suspects.Add(job.Name);
                suspects.UnionWith(agent.ConflictingWith(job).Where(held => !held.IsGlobal).Select(held => held.Name));
            }
            foreach (var name in suspects)
            {
                if (index.MachineOf(name) != machineId || find(name) is not { } unit || EngineUnit.Read(unit) is not { } job) continue;
                if (agent.AbleToRun(job, checkPeers: false) != EngineAction.Unschedule) continue;
                store(unit with { TargetMachineId = null });
                moved.Add(name);
            }
        }
    }

    // fleet's second loop: each loaded or launched job on no machine, in name order, goes to the
    // least-loaded machine able to run it, as the ones before it change the loads.
    private static void Schedule(EngineIndex index, IReadOnlySet<string> touched, Func<string, StoredUnit?> find, Action<StoredUnit> store, List<string> moved)
    {
        var fresh = new HashSet<string>(touched, StringComparer.Ordinal);
        fresh.UnionWith(moved);
        var turns = new SortedSet<string>(index.Reopened(0), StringComparer.Ordinal);
        turns.UnionWith(fresh);
        while (turns.Count > 0)
        {
            var name = turns.Min!;
            turns.Remove(name);
            if (find(name) is not { TargetMachineId: null } unit || EngineUnit.Read(unit) is not { IsGlobal: false, IsInactive: false } job) continue;
            var machines = fresh.Contains(name) ? index.LeastLoadedFirst() : index.TouchedLeastLoadedFirst();
            if (machines.FirstOrDefault(agent => agent.AbleToRun(job) != EngineAction.Unschedule) is not { } chosen) continue;
            var mark = index.Changes;
            store(unit with { TargetMachineId = chosen.Id });
            moved.Add(name);
            // What this placement reopens waits its turn if that is still to come; a unit whose turn
            // has passed sees it on the next pass, as in fleet's engine.
            turns.UnionWith(index.Reopened(mark).Where(other => string.CompareOrdinal(other, name) > 0));
        }
    }
}
