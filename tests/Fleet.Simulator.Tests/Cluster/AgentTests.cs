using Fleet.Core;
using Fleet.Simulator.Cluster;
using static Fleet.Simulator.Tests.Cluster.ClusterFixtures;

namespace Fleet.Simulator.Tests.Cluster;

public class AgentTests
{
    private static AgentReport Publish(params StoredUnit[] units) => Agent.Publish(Machines, ByName(units));

    [Fact]
    public void Loaded_and_launched_units_publish_systemds_states_with_the_unit_hash()
    {
        var loaded = Stored("a.service", "loaded", Db);
        var launched = Stored("b.service", "launched", Web, ("Conflicts", "x.service"));
        var report = Publish(loaded, launched, Stored("c.service", "inactive"), Stored("d.service", "loaded"));
        Assert.Equal(
            [
                new UnitState("a.service", loaded.File.Hash, Db, "loaded", "inactive", "dead"),
                new UnitState("b.service", launched.File.Hash, Web, "loaded", "active", "running"),
            ],
            report.States.ToArray());
        Assert.Equal([KeyValuePair.Create("b.service", Web)], report.Heartbeats);
    }

    [Fact]
    public void A_global_unit_publishes_on_every_machine_whose_metadata_it_accepts()
    {
        var report = Publish(
            Stored("all.service", "launched", null, ("Global", "true")),
            Stored("east.service", "loaded", null, ("Global", "true"), ("MachineMetadata", "region=us-east"), ("MachineMetadata", "region=us-west")),
            Stored("off.service", "inactive", null, ("Global", "true")));
        Assert.Equal(
            ["all.service@" + Web, "all.service@" + Db, "all.service@" + Bare, "east.service@" + Web, "east.service@" + Db],
            report.States.Select(s => $"{s.Name}@{s.MachineId}"));
        Assert.Empty(report.Heartbeats);
    }

    [Fact]
    public void Units_on_unknown_machines_or_with_unparsable_target_states_publish_nothing()
    {
        var report = Publish(Stored("a.service", "launched", "ffffffffffffffffffffffffffffffff"), Stored("b.service", "running", Web));
        Assert.Empty(report.States);
        Assert.Empty(report.Heartbeats);
    }

    [Fact]
    public void States_are_sorted_by_unit_name_then_machine_id()
    {
        var report = Publish(Stored("b.service", "loaded", Bare), Stored("a.service", "loaded", Db), Stored("a-b.service", "launched", null, ("Global", "true")));
        Assert.Equal(
            [("a-b.service", Web), ("a-b.service", Db), ("a-b.service", Bare), ("a.service", Db), ("b.service", Bare)],
            report.States.Select(s => (s.Name, s.MachineId!)));
    }

    [Fact]
    public void Current_state_follows_fleets_determine_job_state()
    {
        var loaded = Stored("a.service", "loaded", Db);
        var launched = Stored("b.service", "launched", Web);
        var report = Publish(loaded, launched);
        Assert.Equal("loaded", Agent.CurrentState(loaded, report));
        Assert.Equal("launched", Agent.CurrentState(launched, report));
        Assert.Equal("inactive", Agent.CurrentState(Stored("c.service", "launched"), report));
        // Scheduled, but the agent has not published yet.
        Assert.Equal("inactive", Agent.CurrentState(Stored("d.service", "launched", Bare), report));
        // A state, but the heartbeat comes from elsewhere (the unit was just moved): loaded.
        var moved = report with { Heartbeats = report.Heartbeats.SetItem("a.service", Bare) };
        Assert.Equal("loaded", Agent.CurrentState(loaded, moved));
        // The agent's state is about the machine the unit is scheduled to, not any machine.
        Assert.Equal("inactive", Agent.CurrentState(launched with { TargetMachineId = Db }, report));
    }

    [Fact]
    public void A_global_unit_has_no_current_state_on_its_own_but_is_inactive_in_the_units_list()
    {
        var global = Stored("g.service", "launched", null, ("Global", "true"));
        var report = Publish(global);
        Assert.Null(Agent.CurrentState(global, report));
        Assert.Equal("inactive", Agent.ListedCurrentState(global, report));
    }
}
