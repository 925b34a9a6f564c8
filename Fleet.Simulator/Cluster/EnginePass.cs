namespace Fleet.Simulator.Cluster;

/// <summary>
/// The working state of one reconcile pass. fleet keeps two views apart and so does this: the
/// cluster state the engine reasons over (updated as it decides) and the registry it writes to
/// (an unschedule only when the unit is still on that machine, a schedule only when it is on none).
/// </summary>
internal sealed class EnginePass
{
    private readonly IReadOnlyList<SimulatedMachine> machines;
    private readonly EngineRules rules;
    private readonly PlacementMemory? memory;
    private readonly List<EngineUnit> jobs = [];
    private readonly List<EngineUnit> globals = [];
    private readonly Dictionary<string, string?> planned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> registry = new(StringComparer.Ordinal);
    private Dictionary<string, EngineAgentState>? agents;

    public EnginePass(IReadOnlyList<SimulatedMachine> machines, IReadOnlyList<StoredUnit> units, EngineRules rules, PlacementMemory? memory = null)
    {
        this.machines = machines;
        this.rules = rules;
        this.memory = memory;
        foreach (var stored in InNameOrder(units))
        {
            registry[stored.Name] = stored.TargetMachineId;
            if (EngineUnit.Read(stored) is not { } unit) continue;
            if (unit.IsGlobal)
            {
                globals.Add(unit);
            }
            else
            {
                jobs.Add(unit);
                planned[unit.Name] = stored.TargetMachineId;
            }
        }
    }

    // The cluster hands its units over in name order already; a sort is for callers that do not.
    private static IEnumerable<StoredUnit> InNameOrder(IReadOnlyList<StoredUnit> units)
    {
        for (var i = 1; i < units.Count; i++)
        {
            if (string.CompareOrdinal(units[i - 1].Name, units[i].Name) >= 0) return units.OrderBy(u => u.Name, StringComparer.Ordinal);
        }
        return units;
    }

    public StoredUnit Written(StoredUnit unit)
    {
        var target = registry.GetValueOrDefault(unit.Name);
        return target == unit.TargetMachineId ? unit : unit with { TargetMachineId = target };
    }

    public void Run()
    {
        // fleet walks its units in Go map order, so either side of a Replaces relation may be
        // decided first. Deciding the replaced side first sends the replacer away, which comes
        // back next pass wherever only its old place will do: fleet leaves that loop when its map
        // order next puts the replacer first, and the simulation puts replacers first every pass,
        // so the replaced unit moves as fleet's documentation says and stays moved.
        foreach (var job in jobs.OrderBy(job => job.Requirements.Replaces.Count == 0))
        {
            if (planned[job.Name] is not { } target) continue;
            var action = Decide(job, target);
            if (action == EngineAction.Reschedule && Reschedule(job, target)) continue;
            if (action != EngineAction.Unschedule) continue;
            Unschedule(job.Name, target);
            Plan(job.Name, null);
        }

        foreach (var job in jobs)
        {
            if (planned[job.Name] is not null || job.IsInactive) continue;
            var chosen = Choose(job);
            if (chosen is null)
            {
                memory?.Refuse(job);
                continue;
            }
            memory?.Forget(job.Name);
            Schedule(job.Name, chosen.Id);
        }
    }

    // The least-loaded machine that can run the unit; with a memory of the machines that refused
    // it before, the same choice from the machines that have changed since.
    private EngineAgentState? Choose(EngineUnit job)
    {
        var all = Agents();
        IEnumerable<EngineAgentState> order = memory?.Candidates(job) is { } candidates
            ? candidates.Select(id => all.GetValueOrDefault(id)).OfType<EngineAgentState>().OrderBy(agent => agent.Load).ThenBy(agent => agent.Id, StringComparer.Ordinal)
            : LeastLoadedFirst();
        return order.FirstOrDefault(agent => agent.AbleToRun(job) != EngineAction.Unschedule);
    }

    private EngineAction Decide(EngineUnit job, string target)
    {
        if (job.IsInactive) return EngineAction.Unschedule;
        if (!Agents().TryGetValue(target, out var agent)) return EngineAction.Unschedule;
        return agent.AbleToRun(job, checkPeers: rules == EngineRules.Fleet);
    }

    // fleet's handle_reschedule: the unit named by the Replaces relation leaves for the least loaded
    // other machine, whichever side of the relation it is; its unschedule is written even when no
    // other machine is found, as fleet sends that task first.
    private bool Reschedule(EngineUnit job, string target)
    {
        var replaced = Agents()[target].ReplacedBy(job);
        if (replaced is null) return false;
        Unschedule(replaced, target);
        var other = LeastLoadedFirst().FirstOrDefault(agent => agent.Id != target);
        if (other is null) return false;
        Schedule(replaced, other.Id);
        return true;
    }

    private void Unschedule(string name, string machineId)
    {
        if (registry.GetValueOrDefault(name) == machineId) registry[name] = null;
    }

    private void Schedule(string name, string machineId)
    {
        // A global unit is never written a target: fleet's engine would, the simulation keeps them machine-less.
        if (!planned.ContainsKey(name)) return;
        if (registry.GetValueOrDefault(name) is null) registry[name] = machineId;
        Plan(name, machineId);
    }

    private void Plan(string name, string? machineId)
    {
        planned[name] = machineId;
        agents = null;
    }

    private IEnumerable<EngineAgentState> LeastLoadedFirst() =>
        Agents().Values.OrderBy(agent => agent.Load).ThenBy(agent => agent.Id, StringComparer.Ordinal);

    // fleet's clusterState.agents(), as fleet rebuilds it for every decision so each sees the ones
    // before it; kept until the plan changes, which gives every decision the same view for less:
    // scheduled units that are not inactive, then every global unit (whatever its target state) on
    // each machine whose metadata it accepts and where it conflicts with nothing already there.
    private Dictionary<string, EngineAgentState> Agents()
    {
        if (agents is null)
        {
            agents = BuildAgents();
            memory?.Observe(agents);
        }
        return agents;
    }

    private Dictionary<string, EngineAgentState> BuildAgents()
    {
        var built = new Dictionary<string, EngineAgentState>(StringComparer.Ordinal);
        foreach (var machine in machines) built[machine.Id] = new EngineAgentState(machine);
        foreach (var job in jobs)
        {
            if (job.IsInactive || planned[job.Name] is not { } target) continue;
            if (built.TryGetValue(target, out var agent)) agent.Add(job);
        }
        foreach (var global in globals)
        {
            foreach (var agent in built.Values)
            {
                if (!EngineAgentState.HasMetadata(agent.Machine.Metadata, global.Requirements.MachineMetadata)) continue;
                if (agent.HasConflict(global)) continue;
                agent.Add(global);
            }
        }
        return built;
    }
}
