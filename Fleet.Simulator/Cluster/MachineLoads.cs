namespace Fleet.Simulator.Cluster;

/// <summary>
/// How many units each machine holds, as fleet's engine counts them (scheduled, not inactive),
/// kept up to date as units come and go, with the machine fleet's least-loaded scheduler would
/// pick next (fewest units, ties to the lower id) found without a walk over the cluster.
/// </summary>
internal sealed class MachineLoads
{
    private static readonly Comparer<(int Load, string Id)> ByLoadThenId = Comparer<(int Load, string Id)>.Create(static (a, b) =>
        a.Load != b.Load ? a.Load.CompareTo(b.Load) : string.CompareOrdinal(a.Id, b.Id));

    private readonly Dictionary<string, int> loads = new(StringComparer.Ordinal);
    private readonly SortedSet<(int Load, string Id)> order = new(ByLoadThenId);

    private MachineLoads(IEnumerable<SimulatedMachine> machines)
    {
        foreach (var machine in machines)
        {
            loads[machine.Id] = 0;
            order.Add((0, machine.Id));
        }
    }

    /// <summary>The machine the least-loaded scheduler picks, or null when there is none.</summary>
    public string? LeastLoaded => order.Count == 0 ? null : order.Min.Id;

    /// <summary>The loads the engine sees for these units.</summary>
    public static MachineLoads Of(IEnumerable<SimulatedMachine> machines, IEnumerable<StoredUnit> units)
    {
        var counted = new MachineLoads(machines);
        foreach (var unit in units) counted.Add(unit);
        return counted;
    }

    /// <summary>Whether the machine is in the cluster.</summary>
    public bool Has(string machineId) => loads.ContainsKey(machineId);

    /// <summary>Counts the unit on its machine, when the engine would.</summary>
    public void Add(StoredUnit unit) => Move(unit, +1);

    /// <summary>Stops counting the unit on its machine, when the engine counted it.</summary>
    public void Remove(StoredUnit unit) => Move(unit, -1);

    private void Move(StoredUnit unit, int by)
    {
        if (!Counts(unit) || !loads.TryGetValue(unit.TargetMachineId!, out var load)) return;
        order.Remove((load, unit.TargetMachineId!));
        loads[unit.TargetMachineId!] = load + by;
        order.Add((load + by, unit.TargetMachineId!));
    }

    // fleet's engine counts the units its registry hands out (a parsable target state) that are
    // scheduled and not inactive.
    private static bool Counts(StoredUnit unit) => unit.TargetMachineId is not null && EngineUnit.WantsMachine(unit);
}
