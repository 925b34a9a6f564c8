using Fleet.Core.Collections;
using Fleet.Simulator.Cluster;
using static Fleet.Simulator.Tests.Cluster.ClusterFixtures;

namespace Fleet.Simulator.Tests.Cluster;

public class EngineTests
{
    private static IReadOnlyList<StoredUnit> Reconcile(params StoredUnit[] units) => Engine.Reconcile(Machines, ByName(units));

    [Fact]
    public void Units_go_to_the_least_loaded_machine_ties_to_the_lower_id_in_name_order()
    {
        var units = Reconcile(Stored("a.service", "launched"), Stored("b.service", "loaded"), Stored("c.service", "launched"), Stored("d.service", "launched"));
        Assert.Equal([Web, Db, Bare, Web], units.Select(u => u.TargetMachineId));
    }

    [Fact]
    public void Load_counts_scheduled_units_that_are_not_inactive()
    {
        // x is placed on Web but inactive: it is unscheduled first and does not weigh on Web.
        var units = Reconcile(Stored("a.service", "launched", Db), Stored("b.service", "launched", Bare), Stored("c.service", "launched"), Stored("x.service", "inactive", Web));
        Assert.Equal(Web, TargetOf(units, "c.service"));
        Assert.Null(TargetOf(units, "x.service"));
    }

    [Fact]
    public void Machine_id_pins_a_unit_by_full_or_short_id_and_an_unknown_one_never_lands()
    {
        var units = Reconcile(
            Stored("full.service", "launched", null, ("MachineID", Bare)),
            Stored("short.service", "launched", null, ("MachineID", "7d6b720d")),
            Stored("unknown.service", "launched", null, ("MachineID", "0123456789abcdef0123456789abcdef")));
        Assert.Equal(Bare, TargetOf(units, "full.service"));
        Assert.Equal(Db, TargetOf(units, "short.service"));
        Assert.Null(TargetOf(units, "unknown.service"));
    }

    [Fact]
    public void Machine_metadata_needs_every_key_with_one_of_its_values()
    {
        var units = Reconcile(
            Stored("db.service", "launched", null, ("MachineMetadata", "role=db")),
            Stored("east.service", "launched", null, ("MachineMetadata", "\"region=us-east\" \"disk=ssd\"")),
            Stored("either.service", "launched", null, ("MachineMetadata", "region=us-east"), ("MachineMetadata", "region=us-west")),
            Stored("mars.service", "launched", null, ("MachineMetadata", "region=mars")),
            Stored("mixed.service", "launched", null, ("MachineMetadata", "role=db"), ("MachineMetadata", "disk=ssd")));
        Assert.Equal(Db, TargetOf(units, "db.service"));
        Assert.Equal(Web, TargetOf(units, "east.service"));
        // Web and Db each hold one unit by then: the tie goes to Web.
        Assert.Equal(Web, TargetOf(units, "either.service"));
        Assert.Null(TargetOf(units, "mars.service"));
        Assert.Null(TargetOf(units, "mixed.service"));
    }

    [Fact]
    public void An_unschedulable_unit_stays_unscheduled_pass_after_pass()
    {
        var units = ByName(Stored("nowhere.service", "launched", null, ("MachineMetadata", "region=mars")));
        for (var pass = 0; pass < 3; pass++) units = Engine.Reconcile(Machines, units);
        Assert.Null(Assert.Single(units).TargetMachineId);
    }

    [Fact]
    public void Machine_of_follows_the_peer_and_waits_while_the_peer_is_not_placed()
    {
        var units = Reconcile(Stored("a.service", "launched", Db), Stored("b.service", "launched", null, ("MachineOf", "a.service")));
        Assert.Equal(Db, TargetOf(units, "b.service"));

        var waiting = Reconcile(Stored("ping.service", "inactive"), Stored("pong.service", "loaded", null, ("MachineOf", "ping.service")));
        Assert.Null(TargetOf(waiting, "pong.service"));
    }

    [Fact]
    public void A_unit_placed_before_its_peer_lands_on_the_next_pass()
    {
        // fleet places units one by one: a sorts before its peer b, finds no machine holding b, and waits a pass.
        var first = Reconcile(Stored("a.service", "launched", null, ("MachineOf", "b.service")), Stored("b.service", "launched"));
        Assert.Null(TargetOf(first, "a.service"));
        var second = Engine.Reconcile(Machines, first);
        Assert.Equal(TargetOf(first, "b.service"), TargetOf(second, "a.service"));
    }

    [Fact]
    public void Conflicts_globs_keep_instances_apart_until_no_machine_is_left()
    {
        var instances = Enumerable.Range(1, 4).Select(i => Stored($"web@{i}.service", "launched", null, ("Conflicts", "web@*.service"))).ToArray();
        var units = Reconcile(instances);
        Assert.Equal([Web, Db, Bare, null], units.Select(u => u.TargetMachineId));
    }

    [Fact]
    public void Conflicts_hold_whichever_side_declares_them_and_split_at_white_space()
    {
        var units = Reconcile(
            Stored("a.service", "launched", Web, ("Conflicts", "x.service b*.service")),
            Stored("b.service", "launched", null, ("MachineID", Web)),
            Stored("c.service", "launched", Db),
            Stored("d.service", "launched", null, ("MachineID", Db), ("Conflicts", "c.service")));
        Assert.Null(TargetOf(units, "b.service"));
        Assert.Null(TargetOf(units, "d.service"));
    }

    [Fact]
    public void Specifiers_in_requirements_resolve_with_the_units_own_name()
    {
        var units = Reconcile(Stored("db@1.service", "launched", Db), Stored("app@1.service", "launched", null, ("MachineOf", "db@%i.service")));
        Assert.Equal(Db, TargetOf(units, "app@1.service"));
    }

    [Fact]
    public void Replaces_lets_a_unit_land_beside_the_one_it_replaces_and_the_next_pass_moves_one_of_them()
    {
        // Web holds old, Db and Bare hold two each: the replacer lands on Web, least loaded (Replaces does not disqualify).
        var start = Reconcile(
            Stored("a.service", "launched", Db), Stored("b.service", "launched", Db), Stored("c.service", "launched", Bare), Stored("d.service", "launched", Bare),
            Stored("old.service", "launched", Web), Stored("new.service", "launched", null, ("Replaces", "old.service")));
        Assert.Equal(Web, TargetOf(start, "new.service"));

        // Next pass, the first of the pair by name (new) finds the relation and sends the other one (old) away.
        var next = Engine.Reconcile(Machines, start);
        Assert.Equal(Web, TargetOf(next, "new.service"));
        Assert.Equal(Db, TargetOf(next, "old.service"));
    }

    [Fact]
    public void A_replacer_is_decided_first_so_the_replaced_unit_moves_even_when_it_sorts_first()
    {
        // Decided in name order, a would send z away, and z, whose metadata wants Web, would come
        // back every pass; fleet's map order leaves that loop with a moved, as here at once.
        var units = Reconcile(Stored("a.service", "launched", Web), Stored("z.service", "launched", Web, ("Replaces", "a.service"), ("MachineMetadata", "role=web")));
        Assert.Equal(Db, TargetOf(units, "a.service"));
        Assert.Equal(Web, TargetOf(units, "z.service"));
        Assert.Equal(units, Engine.Reconcile(Machines, units));
    }

    [Fact]
    public void Circular_replaces_are_ignored()
    {
        var units = Reconcile(Stored("a.service", "launched", Web, ("Replaces", "b.service")), Stored("b.service", "launched", Web, ("Replaces", "a.service")));
        Assert.Equal([Web, Web], units.Select(u => u.TargetMachineId));
    }

    [Fact]
    public void Global_units_never_get_a_machine_but_weigh_on_every_machine_they_run_on()
    {
        var units = Reconcile(
            Stored("g.service", "inactive", null, ("Global", "true"), ("MachineMetadata", "role=web")),
            Stored("h.service", "launched"));
        Assert.Null(TargetOf(units, "g.service"));
        // fleet counts global units on matching machines whatever their target state: Web is busier.
        Assert.Equal(Db, TargetOf(units, "h.service"));
    }

    [Fact]
    public void A_global_unit_conflicting_with_a_placed_unit_does_not_weigh_on_its_machine()
    {
        var units = Reconcile(
            Stored("a.service", "launched", Web),
            Stored("b.service", "launched", Db),
            Stored("g.service", "launched", null, ("Global", "true"), ("Conflicts", "a.service")),
            Stored("h.service", "launched"));
        // g runs on Db and Bare only: Web 1 (a), Db 2 (b, g), Bare 1 (g), and the tie goes to Web.
        Assert.Equal(Web, TargetOf(units, "h.service"));
    }

    [Fact]
    public void Inactive_units_are_unscheduled_and_never_placed()
    {
        var units = Reconcile(Stored("a.service", "inactive", Db), Stored("b.service", "inactive"));
        Assert.All(units, u => Assert.Null(u.TargetMachineId));
    }

    [Fact]
    public void A_unit_whose_machine_left_is_placed_again_in_the_same_pass()
    {
        var units = Reconcile(Stored("a.service", "launched", "ffffffffffffffffffffffffffffffff"), Stored("b.service", "launched", Web));
        Assert.Equal(Db, TargetOf(units, "a.service"));
    }

    [Fact]
    public void A_unit_whose_machine_lost_the_metadata_moves()
    {
        var machines = Machines.Select(m => m.Id == Db ? m with { Metadata = ValueMap.Empty } : m).ToList();
        var units = Engine.Reconcile(machines, ByName(Stored("db.service", "launched", Db, ("MachineMetadata", "role=db")), Stored("web.service", "launched", null, ("MachineMetadata", "role=web"))));
        Assert.Null(TargetOf(units, "db.service"));
        Assert.Equal(Web, TargetOf(units, "web.service"));
    }

    [Fact]
    public void A_placed_unit_whose_peer_left_stays_in_the_reference_engine_and_goes_in_fleets()
    {
        var units = ByName(Stored("ping.service", "inactive", Web), Stored("pong.service", "loaded", Web, ("MachineOf", "ping.service")));
        var reference = Engine.Reconcile(Machines, units, EngineRules.Reference);
        var fleet = Engine.Reconcile(Machines, units, EngineRules.Fleet);
        Assert.Equal([null, Web], reference.Select(u => u.TargetMachineId));
        Assert.Equal([null, null], fleet.Select(u => u.TargetMachineId));
    }

    [Fact]
    public void A_unit_with_an_unparsable_target_state_is_left_as_stored_and_weighs_nothing()
    {
        var units = Reconcile(Stored("a.service", "running", Web), Stored("b.service", "running"), Stored("c.service", "launched"));
        Assert.Equal([Web, null, Web], units.Select(u => u.TargetMachineId));
    }

    [Fact]
    public void Template_units_are_scheduled_like_any_other()
    {
        // fleet's engine has no notion of templates; the reference shows web@.service launched on a machine (0053/0054).
        var units = Reconcile(Stored("web@.service", "launched"));
        Assert.Equal(Web, Assert.Single(units).TargetMachineId);
    }

    [Fact]
    public void Units_come_back_in_input_order_and_unchanged_when_nothing_moves()
    {
        var input = ByName(Stored("a.service", "launched", Bare), Stored("b.service", "inactive"));
        var output = Engine.Reconcile(Machines, input);
        Assert.Same(input[0], output[0]);
        Assert.Same(input[1], output[1]);
    }
}
