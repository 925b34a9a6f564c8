using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;

namespace Fleet.Simulator.Tests.Cluster;

/// <summary>
/// The cluster as it acted before it learnt to act on changes alone: every pass of fleet's engine
/// over everything until nothing moves, then every agent. What <see cref="SimulatedCluster"/> must
/// land on after every settle.
/// </summary>
internal sealed class FullPassCluster(IReadOnlyList<SimulatedMachine> machines)
{
    private readonly List<SimulatedMachine> machines = [.. machines];

    public SortedDictionary<string, StoredUnit> Units { get; } = new(StringComparer.Ordinal);

    public AgentReport Report { get; private set; } = AgentReport.Empty;

    public void Put(string name, UnitFile file, string state) =>
        Units[name] = new StoredUnit(name, file, state, Units.GetValueOrDefault(name)?.TargetMachineId);

    public bool SetTargetState(string name, string state)
    {
        if (!Units.TryGetValue(name, out var unit)) return false;
        Units[name] = unit with { TargetState = state };
        return true;
    }

    public bool Destroy(string name) => Units.Remove(name);

    public void AddMachine(SimulatedMachine machine) => machines.Add(machine);

    public void RemoveMachine(string id)
    {
        machines.RemoveAll(m => m.Id == id);
        foreach (var unit in Units.Values.Where(u => u.TargetMachineId == id).ToList()) Units[unit.Name] = unit with { TargetMachineId = null };
    }

    public void SetMetadata(string id, string key, string? value)
    {
        var index = machines.FindIndex(m => m.Id == id);
        if (index < 0) return;
        var metadata = machines[index].Metadata.Where(p => p.Key != key).ToList();
        if (value is not null) metadata.Add(KeyValuePair.Create(key, value));
        machines[index] = machines[index] with { Metadata = ValueMap.From(metadata) };
    }

    public void Act()
    {
        for (var pass = 0; pass < 8; pass++)
        {
            var before = Units.Values.ToList();
            var after = Engine.Reconcile(machines, before);
            if (after.SequenceEqual(before)) break;
            foreach (var unit in after) Units[unit.Name] = unit;
        }
        Report = Agent.Publish(machines, [.. Units.Values]);
    }

    /// <summary>Asserts the cluster left every unit where full passes leave it, and publishes the same states and heartbeats.</summary>
    public void AssertSame(SimulatedCluster cluster, IEnumerable<string> names, string where)
    {
        foreach (var name in names)
        {
            var expected = Units.GetValueOrDefault(name);
            var actual = cluster.Find(name);
            Assert.True(
                (expected?.TargetState, expected?.TargetMachineId) == (actual?.TargetState, actual?.TargetMachineId),
                $"{where}: {name} is {actual?.TargetState}@{actual?.TargetMachineId}, full passes leave it {expected?.TargetState}@{expected?.TargetMachineId}");
        }
        Assert.True(Report.States.SequenceEqual(cluster.Report.States), $"{where}: states {Describe(cluster.Report.States)}, full passes publish {Describe(Report.States)}");
        Assert.True(
            Report.Heartbeats.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(cluster.Report.Heartbeats.OrderBy(p => p.Key, StringComparer.Ordinal)),
            $"{where}: heartbeats differ");
        Assert.Equal(
            Units.Values.Where(u => EngineUnit.HasValidTargetState(u)).Select(u => u.Name),
            cluster.ListedUnits.Select(u => u.Name));
    }

    private static string Describe(IEnumerable<UnitState> states) => string.Join(", ", states.Select(s => $"{s.Name}@{s.MachineId?[..4]}"));
}
