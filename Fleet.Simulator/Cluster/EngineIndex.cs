namespace Fleet.Simulator.Cluster;

/// <summary>
/// The engine's view of a settled cluster (every machine's agent state as fleet's engine builds
/// it, the units no machine took), kept up to date as units are stored, with what changed since
/// the cluster last settled: which machines' holdings were touched, and which units each one
/// gained or lost. <see cref="IncrementalPass"/> plays a reconcile pass from it.
/// </summary>
/// <remarks>
/// It follows job units only: a global unit or a Replaces relation changes what every machine
/// holds or how units trade places, so the cluster drops the index when one is stored and acts on
/// everything instead.
/// </remarks>
internal sealed class EngineIndex
{
    private static readonly Comparer<(int Load, string Id)> ByLoadThenId = Comparer<(int Load, string Id)>.Create(static (a, b) =>
        a.Load != b.Load ? a.Load.CompareTo(b.Load) : string.CompareOrdinal(a.Id, b.Id));

    private readonly Dictionary<string, EngineAgentState> agents = new(StringComparer.Ordinal);
    private readonly SortedSet<(int Load, string Id)> order = new(ByLoadThenId);
    private readonly Dictionary<string, int> loads = new(StringComparer.Ordinal);
    private readonly List<EngineUnit> globals;

    // Each job the engine counts on a machine, by name: its machine.
    private readonly Dictionary<string, string> placed = new(StringComparer.Ordinal);

    // The loaded or launched jobs on no machine; those with Conflicts globs apart, as only they can
    // clash with a unit that has none; and, by peer name, those whose MachineOf names it.
    private readonly SortedDictionary<string, EngineUnit> unplaced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EngineUnit> unplacedConflicting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> unplacedByPeer = new(StringComparer.Ordinal);

    private readonly List<(bool Gained, EngineUnit Unit)> changes = [];
    private readonly HashSet<string> touched = new(StringComparer.Ordinal);

    private EngineIndex(IReadOnlyList<SimulatedMachine> machines, List<EngineUnit> globals)
    {
        this.globals = globals;
        foreach (var machine in machines) agents[machine.Id] = new EngineAgentState(machine);
    }

    /// <summary>
    /// The engine's view of a cluster that has settled (a reconcile pass over it moves nothing):
    /// built as fleet's <c>clusterState.agents()</c>, jobs first, then each global unit on every
    /// machine whose metadata it accepts and where it conflicts with nothing already there.
    /// </summary>
    public static EngineIndex Of(IReadOnlyList<SimulatedMachine> machines, IEnumerable<StoredUnit> units)
    {
        var read = units.Select(EngineUnit.Read).OfType<EngineUnit>().OrderBy(unit => unit.Name, StringComparer.Ordinal).ToList();
        var index = new EngineIndex(machines, [.. read.Where(unit => unit.IsGlobal)]);
        foreach (var job in read.Where(unit => !unit.IsGlobal)) index.Hold(job);
        foreach (var agent in index.agents.Values)
        {
            index.Fit(agent);
            index.Order(agent);
        }
        index.Settle();
        return index;
    }

    /// <summary>Whether the index can follow a change to this unit (or to none): it must be neither global nor replace.</summary>
    public static bool Follows(StoredUnit? unit) => unit is null || unit.Requirements is { Global: false, Replaces.Count: 0 };

    /// <summary>Whether the machine is in the cluster.</summary>
    public bool HasMachine(string machineId) => agents.ContainsKey(machineId);

    /// <summary>The machine's agent state as the engine sees it now.</summary>
    public EngineAgentState Agent(string machineId) => agents[machineId];

    /// <summary>The machine a job is counted on, or null.</summary>
    public string? MachineOf(string name) => placed.GetValueOrDefault(name);

    /// <summary>Every machine, fewest units first, ties to the lower id: the order fleet's scheduler tries them in.</summary>
    public IEnumerable<EngineAgentState> LeastLoadedFirst() => order.Select(entry => agents[entry.Id]);

    /// <summary>The machines touched since the cluster settled, in the scheduler's order.</summary>
    public IEnumerable<EngineAgentState> TouchedLeastLoadedFirst() =>
        touched.Select(id => agents[id]).OrderBy(agent => agent.Load).ThenBy(agent => agent.Id, StringComparer.Ordinal);

    /// <summary>How many gains and losses have been noted since the cluster settled; a mark for <see cref="Reopened"/>.</summary>
    public int Changes => changes.Count;

    /// <summary>
    /// The unplaced jobs that a gain or loss noted since <paramref name="since"/> could let onto
    /// a machine: a machine that gained a unit now holds a peer for those whose MachineOf names
    /// it, and one that lost a unit no longer holds a conflict for those that clash with it.
    /// Nothing else a machine gains or loses turns a refusal into a welcome.
    /// </summary>
    public HashSet<string> Reopened(int since)
    {
        var reopened = new HashSet<string>(StringComparer.Ordinal);
        var lost = new HashSet<StoredUnit>(ReferenceEqualityComparer.Instance);
        for (var i = since; i < changes.Count; i++)
        {
            var (gained, unit) = changes[i];
            if (gained)
            {
                if (unplacedByPeer.TryGetValue(unit.Name, out var followers)) reopened.UnionWith(followers);
                continue;
            }
            if (!lost.Add(unit.Stored)) continue;
            var pool = unit.Requirements.Conflicts.Count > 0 ? unplaced.Values : (IEnumerable<EngineUnit>)unplacedConflicting.Values;
            foreach (var waiting in pool)
            {
                if (waiting.Name != unit.Name && (unit.Conflicts(waiting.Name) || waiting.Conflicts(unit.Name))) reopened.Add(waiting.Name);
            }
        }
        return reopened;
    }

    /// <summary>Follows a unit stored anew (null when it left the registry).</summary>
    public void Replace(string name, StoredUnit? unit)
    {
        if (placed.Remove(name, out var from))
        {
            var agent = agents[from];
            changes.Add((false, agent.Remove(name)!));
            Refit(agent);
        }
        else if (unplaced.Remove(name, out var waiting))
        {
            unplacedConflicting.Remove(name);
            foreach (var peer in waiting.Requirements.MachineOf) unplacedByPeer.GetValueOrDefault(peer)?.Remove(name);
        }
        if (unit is null || EngineUnit.Read(unit) is not { } job) return;
        if (job.IsGlobal) throw new InvalidOperationException($"the engine index does not follow global units ({name})");
        if (Hold(job) is { } agentNow)
        {
            changes.Add((true, job));
            Refit(agentNow);
        }
    }

    /// <summary>Forgets what changed: the cluster has settled where it is.</summary>
    public void Settle()
    {
        changes.Clear();
        touched.Clear();
    }

    // Counts a job where the engine would: on its machine when it has one that exists and it is
    // not inactive, among the unplaced when it is loaded or launched and has none. A job with a
    // machine it may not keep (inactive, machine gone) is neither: the next pass unschedules it.
    private EngineAgentState? Hold(EngineUnit job)
    {
        if (job.Stored.TargetMachineId is { } target)
        {
            if (job.IsInactive || !agents.TryGetValue(target, out var agent)) return null;
            agent.Add(job);
            placed[job.Name] = target;
            return agent;
        }
        if (job.IsInactive) return null;
        unplaced[job.Name] = job;
        if (job.Requirements.Conflicts.Count > 0) unplacedConflicting[job.Name] = job;
        foreach (var peer in job.Requirements.MachineOf)
        {
            if (!unplacedByPeer.TryGetValue(peer, out var followers)) unplacedByPeer[peer] = followers = new HashSet<string>(StringComparer.Ordinal);
            followers.Add(job.Name);
        }
        return null;
    }

    // A machine's jobs changed: which global units it holds is decided again, as fleet's engine
    // decides it after every job (in name order, each against the jobs and the globals before
    // it), and the load and the noted changes follow.
    private void Refit(EngineAgentState agent)
    {
        touched.Add(agent.Id);
        var before = new List<EngineUnit>();
        foreach (var global in globals)
        {
            if (agent.Remove(global.Name) is { } held) before.Add(held);
        }
        Fit(agent);
        foreach (var global in globals)
        {
            var was = before.Contains(global);
            if (was != agent.Holds(global.Name)) changes.Add((!was, global));
        }
        Order(agent);
    }

    private void Order(EngineAgentState agent)
    {
        if (loads.TryGetValue(agent.Id, out var load)) order.Remove((load, agent.Id));
        loads[agent.Id] = agent.Load;
        order.Add((agent.Load, agent.Id));
    }

    private void Fit(EngineAgentState agent)
    {
        foreach (var global in globals)
        {
            if (EngineAgentState.HasMetadata(agent.Machine.Metadata, global.Requirements.MachineMetadata) && !agent.HasConflict(global)) agent.Add(global);
        }
    }
}
