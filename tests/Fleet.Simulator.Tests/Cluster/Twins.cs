using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;

namespace Fleet.Simulator.Tests.Cluster;

/// <summary>The cluster under test and the full-pass model, given every change alike (the replays of IncrementalClusterTests and DemandingClusterTests).</summary>
internal sealed record Twins(SimulatedCluster Cluster, FullPassCluster Model)
{
    public void Put(string name, UnitFile file, string state)
    {
        Cluster.Put(name, file, state);
        Model.Put(name, Cluster.Find(name)!.File, state);
    }

    public void SetTargetState(string name, string state) => Assert.Equal(Model.SetTargetState(name, state), Cluster.SetTargetState(name, state));

    public void Destroy(string name) => Assert.Equal(Model.Destroy(name), Cluster.Destroy(name));

    public string ToggleMachine(SimulatedMachine machine)
    {
        if (Cluster.Machines.Any(m => m.Id == machine.Id))
        {
            Cluster.RemoveMachine(machine.Id);
            Model.RemoveMachine(machine.Id);
            return $"remove {machine.Id}";
        }
        Cluster.AddMachine(machine);
        Model.AddMachine(machine);
        return $"add {machine.Id}";
    }

    public void SetMetadata(string id, string key, string? value)
    {
        Cluster.SetMetadata(id, key, value);
        Model.SetMetadata(id, key, value);
    }

    public void Settle(IEnumerable<string> names)
    {
        Cluster.Settle();
        Model.Act();
        Model.AssertSame(Cluster, names, "settle");
    }
}
