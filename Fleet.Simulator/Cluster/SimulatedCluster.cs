using System.Collections.Immutable;
using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.UnitFiles;

namespace Fleet.Simulator.Cluster;

/// <summary>
/// The cluster behind a <see cref="FleetServer"/>: fleet's registry (machines, units, their
/// target states and machines) and the unit states its agents publish. Changes made through the
/// API reach the agents after <see cref="AgentDelay"/>; with <see cref="Timeout.InfiniteTimeSpan"/>
/// they act only when <see cref="Settle"/> is called. Safe for concurrent use.
/// </summary>
public sealed class SimulatedCluster : IDisposable
{
    private const int MaxEnginePasses = 8;
    private readonly Lock gate = new();
    private readonly Timer timer;
    private ImmutableArray<SimulatedMachine> machines;
    private static readonly IComparer<StoredUnit> ByName = Comparer<StoredUnit>.Create(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
    private ImmutableSortedDictionary<string, StoredUnit> units = ImmutableSortedDictionary.Create<string, StoredUnit>(StringComparer.Ordinal);
    private ImmutableSortedSet<StoredUnit> listed = ImmutableSortedSet.Create(ByName);
    private AgentReport report = AgentReport.Empty;

    // What the engine and agents have still to act on: each unit changed since they last acted, as
    // it was then (null when it is new), and whether the machines changed.
    private readonly Dictionary<string, StoredUnit?> changedUnits = new(StringComparer.Ordinal);
    private bool machinesChanged;

    // The engine's view of the cluster once it has settled, followed through every store; null
    // when the cluster has not settled, a Replaces relation exists, or a global unit or a machine
    // changed since (then the engine acts on everything). While it is set, a change costs what it touches.
    private EngineIndex? index;
    private int replacing;
    private readonly PlacementMemory memory = new();
    private bool pending;
    private TaskCompletionSource settled = NewSettled(done: true);

    /// <summary>Creates a cluster of the given machines.</summary>
    /// <param name="machines">The machines, in the order fleet lists them.</param>
    /// <param name="agentDelay">How long agents take to act on a change; zero acts at once, infinite only on <see cref="Settle"/>.</param>
    public SimulatedCluster(IEnumerable<SimulatedMachine> machines, TimeSpan agentDelay)
    {
        this.machines = [.. machines];
        AgentDelay = agentDelay;
        timer = new Timer(_ => Settle());
    }

    /// <summary>How long agents take to act on a change.</summary>
    public TimeSpan AgentDelay { get; }

    /// <summary>The machines, in the order fleet lists them (by id).</summary>
    public IReadOnlyList<SimulatedMachine> Machines
    {
        get
        {
            lock (gate) return [.. machines.OrderBy(m => m.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Every unit as the API shows it, in name order.</summary>
    public IReadOnlyList<FleetUnit> Units
    {
        get
        {
            lock (gate) return [.. ListedUnits.Select(u => ToEntity(u, listed: true)!)];
        }
    }

    /// <summary>The published unit states, sorted by unit name and then machine id.</summary>
    public IReadOnlyList<UnitState> States
    {
        get
        {
            lock (gate) return report.States;
        }
    }

    /// <summary>Adds a machine (it joins the cluster; the agents reconsider the schedule).</summary>
    public void AddMachine(SimulatedMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        lock (gate)
        {
            if (machines.Any(m => m.Id == machine.Id)) throw new ArgumentException($"machine {machine.Id} is already in the cluster", nameof(machine));
            machines = machines.Add(machine);
            index = null;
            machinesChanged = true;
            Changed();
        }
    }

    /// <summary>Removes a machine, as when it leaves the cluster; its units are rescheduled.</summary>
    public bool RemoveMachine(string machineId)
    {
        lock (gate)
        {
            var before = machines.Length;
            machines = machines.RemoveAll(m => m.Id == machineId);
            index = null;
            foreach (var unit in units.Values.Where(u => u.TargetMachineId == machineId).ToList()) Store(unit with { TargetMachineId = null });
            machinesChanged = true;
            Changed();
            return machines.Length != before;
        }
    }

    /// <summary>Runs the engine and the agents now, on every pending change.</summary>
    public void Settle()
    {
        TaskCompletionSource done;
        lock (gate)
        {
            Act();
            pending = false;
            done = settled;
        }
        done.TrySetResult();
    }

    /// <summary>Completes once the agents have acted on every change made so far.</summary>
    public Task WaitUntilSettledAsync(CancellationToken cancellationToken = default)
    {
        lock (gate) return settled.Task.WaitAsync(cancellationToken);
    }

    internal StoredUnit? Find(string name)
    {
        lock (gate) return units.GetValueOrDefault(name);
    }

    /// <summary>
    /// The units the list shows, in name order, not yet turned into entities: a page makes
    /// entities of its own units only, and reaches its first one by index in a balanced tree,
    /// so each page costs the same however many units there are. Units whose stored state does
    /// not parse are left out, as fleet's registry leaves them.
    /// </summary>
    internal IReadOnlyList<StoredUnit> ListedUnits
    {
        get
        {
            lock (gate) return listed;
        }
    }

    internal AgentReport Report
    {
        get
        {
            lock (gate) return report;
        }
    }

    /// <summary>Creates or replaces a unit; a replaced unit keeps its machine, as fleet's does.</summary>
    internal void Put(string name, UnitFile file, string targetState)
    {
        lock (gate)
        {
            // fleet stores the canonical text and parses it again on every read.
            var stored = UnitFile.Parse(file.ToUtf8Bytes()).Match(f => f, _ => file);
            var machine = units.GetValueOrDefault(name)?.TargetMachineId;
            Change(name, new StoredUnit(name, stored, targetState, machine));
        }
    }

    internal bool SetTargetState(string name, string targetState)
    {
        lock (gate)
        {
            if (!units.TryGetValue(name, out var unit)) return false;
            Change(name, unit with { TargetState = targetState });
            return true;
        }
    }

    internal bool Destroy(string name)
    {
        lock (gate)
        {
            if (!units.ContainsKey(name)) return false;
            Change(name, null);
            memory.Forget(name);
            return true;
        }
    }

    internal void SetMetadata(string machineId, string key, string? value)
    {
        lock (gate)
        {
            var position = machines.Select(m => m.Id).ToList().IndexOf(machineId);
            if (position < 0) return;
            var metadata = machines[position].Metadata.Where(p => p.Key != key).ToList();
            if (value is not null) metadata.Add(KeyValuePair.Create(key, value));
            machines = machines.SetItem(position, machines[position] with { Metadata = ValueMap.From(metadata) });
            index = null;
            machinesChanged = true;
            Changed();
        }
    }

    /// <summary>
    /// The unit as the API shows it, or null when its stored target state is not a state (fleet
    /// then fails). The list and a single GET differ for global units: see <see cref="Agent.ListedCurrentState"/>.
    /// </summary>
    internal FleetUnit? ToEntity(StoredUnit unit, bool listed)
    {
        if (!TryState(unit.TargetState, out var desired)) return null;
        var current = listed ? Agent.ListedCurrentState(unit, report) : Agent.CurrentState(unit, report);
        return new FleetUnit(
            unit.Name,
            unit.File.Options,
            desired,
            current is not null && TryState(current, out var state) ? state : null,
            current is null ? null : unit.TargetMachineId);
    }

    // A change made through the API: remembered for the engine and agents, then stored. Called under the lock.
    private void Change(string name, StoredUnit? unit)
    {
        changedUnits.TryAdd(name, units.GetValueOrDefault(name));
        Store(name, unit);
        Changed();
    }

    private void Store(StoredUnit unit) => Store(unit.Name, unit);

    // The one place the registry's units change, so the list, the count of units that replace
    // others and the engine's index follow. Called under the lock.
    private void Store(string name, StoredUnit? unit)
    {
        var old = units.GetValueOrDefault(name);
        if (old is not null)
        {
            listed = listed.Remove(old);
            if (old.Requirements.Replaces.Count > 0) replacing--;
        }
        if (!EngineIndex.Follows(old) || !EngineIndex.Follows(unit)) index = null;
        index?.Replace(name, unit);
        if (unit is null)
        {
            units = units.Remove(name);
            return;
        }
        units = units.SetItem(name, unit);
        if (TryState(unit.TargetState, out _)) listed = listed.Add(unit);
        if (unit.Requirements.Replaces.Count > 0) replacing++;
    }

    // Called under the lock.
    private void Changed()
    {
        if (AgentDelay == TimeSpan.Zero)
        {
            Act();
            return;
        }
        if (!pending)
        {
            pending = true;
            if (settled.Task.IsCompleted) settled = NewSettled(done: false);
            if (AgentDelay != Timeout.InfiniteTimeSpan) timer.Change(AgentDelay, Timeout.InfiniteTimeSpan);
        }
    }

    // The engine, then the agents, on what changed. Called under the lock.
    private void Act()
    {
        if (index is { } followed && !machinesChanged) ActOnChanges(followed);
        else ActOnEverything();
        changedUnits.Clear();
        machinesChanged = false;
    }

    /// <summary>How many times the engine acted on the changes alone, and on everything: for tests that must know which path they exercised.</summary>
    internal (int OnChanges, int OnEverything) Acts { get; private set; }

    // fleet's engine reconciles again every few seconds, so a unit placed before its MachineOf peer
    // or beside a unit it replaces moves on a later pass; passes run until nothing moves (bounded,
    // as a Replaces pair can keep trading places). Then the agents publish.
    private void ActOnEverything()
    {
        Acts = (Acts.OnChanges, Acts.OnEverything + 1);
        var settledPass = false;
        var moved = new HashSet<string>(changedUnits.Keys, StringComparer.Ordinal);
        for (var pass = 0; pass < MaxEnginePasses && !settledPass; pass++)
        {
            IReadOnlyList<StoredUnit> before = [.. units.Values];
            var reconciled = Engine.Reconcile(machines, before, EngineRules.Reference, memory);
            settledPass = true;
            for (var i = 0; i < before.Count; i++)
            {
                if (ReferenceEquals(reconciled[i], before[i])) continue;
                Store(reconciled[i]);
                moved.Add(reconciled[i].Name);
                settledPass = false;
            }
        }
        // What a unit's agents publish depends on the unit and the machines alone.
        report = machinesChanged ? Agent.Publish(machines, [.. units.Values]) : Agent.Republish(report, machines, moved, units.GetValueOrDefault);
        index = settledPass && replacing == 0 ? EngineIndex.Of(machines, units.Values) : null;
    }

    // The same passes, each played on what changed since the cluster settled (IncrementalPass
    // says why the rest cannot move), until one moves nothing; the agents publish again for the
    // units that changed or moved only.
    private void ActOnChanges(EngineIndex followed)
    {
        Acts = (Acts.OnChanges + 1, Acts.OnEverything);
        var touched = new HashSet<string>(changedUnits.Keys, StringComparer.Ordinal);
        var settledPass = false;
        for (var pass = 0; pass < MaxEnginePasses && !settledPass; pass++)
        {
            // A lambda, not the method group: that would bind the registry as it is now, and the pass changes it.
            var moved = IncrementalPass.Run(followed, touched, name => units.GetValueOrDefault(name), Store);
            touched.UnionWith(moved);
            settledPass = moved.Count == 0;
        }
        report = Agent.Republish(report, machines, touched, units.GetValueOrDefault);
        if (settledPass) followed.Settle();
        else index = null;
    }

    private static bool TryState(string text, out DesiredState state) => !DesiredStates.Parse(text).Failed(out state, out _);

    private static TaskCompletionSource NewSettled(bool done)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (done) source.SetResult();
        return source;
    }

    /// <summary>Stops the agents' timer.</summary>
    public void Dispose() => timer.Dispose();
}
