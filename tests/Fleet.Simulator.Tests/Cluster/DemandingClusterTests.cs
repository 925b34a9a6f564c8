using Fleet.Core.Collections;
using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;
using static Fleet.Simulator.Tests.Cluster.ClusterFixtures;

namespace Fleet.Simulator.Tests.Cluster;

/// <summary>
/// Histories made mostly of units that ask things of the scheduler (fleet's usual Conflicts globs,
/// metadata, MachineOf peers, a machine id) beside global units, with now and then a Replaces
/// relation, a global unit or a machine that changes. The cluster plays most of them on what
/// changed alone; after every settle it must stand exactly where full passes leave it. Each replay
/// also checks that it did act on the changes alone for a good share of its settles, or it would
/// prove nothing about that path.
/// </summary>
public class DemandingClusterTests
{
    private static readonly string[] Globals = ["g0.service", "g1.service"];

    private const string Replacer = "r0.service";

    // 36 units over 9 machines, so most machines are full and many units wait; and 120 over 30,
    // so a change reopens many waiting units and touches few of many machines.
    private static readonly Pool Small = Pool.Of(units: 24, instances: 12, machines: 9);
    private static readonly Pool Large = Pool.Of(units: 80, instances: 40, machines: 30);

    private static readonly string[] Names = Small.Names;
    private static readonly IReadOnlyList<SimulatedMachine> Fleet = Small.Machines;

    // Sized for CI's time; raise them locally when changing IncrementalPass or EngineIndex.
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 200)];

    public static TheoryData<int> BatchSeeds => [.. Enumerable.Range(1, 100)];

    public static TheoryData<int> FewerSeeds => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Acting_on_each_demanding_change_lands_where_full_passes_do(int seed) => Replay(seed, settleEvery: 1, Small, steps: 200);

    [Theory]
    [MemberData(nameof(BatchSeeds))]
    public void Acting_on_batches_of_demanding_changes_lands_where_full_passes_do(int seed) => Replay(seed, settleEvery: 3, Small, steps: 200);

    [Theory]
    [MemberData(nameof(FewerSeeds))]
    public void Acting_on_long_histories_over_a_larger_cluster_lands_where_full_passes_do(int seed) => Replay(seed, settleEvery: 2, Large, steps: 400);

    // A global unit leaves a machine when a job it conflicts with comes back there: a unit it kept
    // off every machine may now go there.
    [Fact]
    public void A_global_unit_that_leaves_a_machine_lets_a_waiting_unit_on()
    {
        var (a, b) = (Fleet[3], Fleet[5]);
        var twins = new Twins(new SimulatedCluster([a, b], Timeout.InfiniteTimeSpan), new FullPassCluster([a, b]));
        using var cluster = twins.Cluster;
        twins.Put("u01.service", File(("X-Fleet", "MachineID", a.Id)), "launched");
        twins.Settle(["u01.service"]);
        twins.Put("g0.service", File(("X-Fleet", "Global", "true"), ("X-Fleet", "Conflicts", "u0*.service")), "launched");
        twins.Settle(Names);
        twins.SetTargetState("u01.service", "bogus");
        twins.Put("u05.service", File(), "launched");
        twins.Settle(Names);
        Assert.Null(cluster.Find("u05.service")!.TargetMachineId);
        var before = cluster.Acts.OnChanges;
        twins.SetTargetState("u01.service", "launched");
        twins.Settle(Names);
        Assert.Equal(a.Id, cluster.Find("u05.service")!.TargetMachineId);
        Assert.Equal(before + 1, cluster.Acts.OnChanges);
    }

    // A global unit comes to a machine when the job it conflicted with leaves: a unit whose
    // MachineOf names it may now go there.
    [Fact]
    public void A_global_unit_that_comes_to_a_machine_brings_its_peers()
    {
        var (a, b) = (Fleet[3], Fleet[5]);
        var twins = new Twins(new SimulatedCluster([a, b], Timeout.InfiniteTimeSpan), new FullPassCluster([a, b]));
        using var cluster = twins.Cluster;
        twins.Put("u01.service", File(("X-Fleet", "MachineID", a.Id)), "launched");
        twins.Put("u02.service", File(("X-Fleet", "MachineID", b.Id)), "launched");
        twins.Settle(Names);
        twins.Put("g0.service", File(("X-Fleet", "Global", "true"), ("X-Fleet", "Conflicts", "u0*.service")), "launched");
        twins.Put("u10.service", File(("X-Fleet", "MachineOf", "g0.service")), "launched");
        twins.Settle(Names);
        Assert.Null(cluster.Find("u10.service")!.TargetMachineId);
        var before = cluster.Acts.OnChanges;
        twins.Destroy("u02.service");
        twins.Settle(Names);
        Assert.Equal(b.Id, cluster.Find("u10.service")!.TargetMachineId);
        Assert.Equal(before + 1, cluster.Acts.OnChanges);
    }

    private static void Replay(int seed, int settleEvery, Pool pool, int steps)
    {
        var random = new Random(seed);
        var twins = new Twins(new SimulatedCluster(pool.Machines, Timeout.InfiniteTimeSpan), new FullPassCluster(pool.Machines));
        using var cluster = twins.Cluster;
        // Global units present from the start, changed only now and then after.
        if (seed % 2 == 0) twins.Put(Globals[0], GlobalFile(random, Globals[0]), "launched");
        if (seed % 3 == 0) twins.Put(Globals[1], GlobalFile(random, Globals[1]), Pick(random, "launched", "loaded"));
        var settles = 0;
        for (var step = 0; step < steps; step++)
        {
            var change = Apply(random, twins, pool);
            if (random.Next(settleEvery) != 0) continue;
            cluster.Settle();
            twins.Model.Act();
            twins.Model.AssertSame(cluster, pool.Names, $"seed {seed}, step {step} ({change})");
            settles++;
        }
        // The first settle builds the engine's view with every pass; after that, machine, global
        // and Replaces changes are rare enough that many settles must have been played on what
        // changed (over these seeds: 82% of settles one change at a time, 72% in batches of
        // three, 77% over the larger cluster; at least 38%, 30% and 60% in any one replay).
        Assert.True(cluster.Acts.OnChanges * 4 >= settles, $"seed {seed}: only {cluster.Acts.OnChanges} of {settles} settles acted on the changes alone");
    }

    private static string Apply(Random random, Twins twins, Pool pool)
    {
        var name = pool.Jobs[random.Next(pool.Jobs.Length)];
        switch (random.Next(100))
        {
            case < 40:
                var state = Pick(random, "launched", "launched", "loaded", "inactive");
                twins.Put(name, random.Next(10) == 0 ? File() : Demanding(random, name, pool), state);
                return $"put {name} {state}";
            case < 58:
                var target = random.Next(20) == 0 ? "bogus" : Pick(random, "launched", "loaded", "inactive");
                twins.SetTargetState(name, target);
                return $"target {name} {target}";
            case < 74:
                twins.Destroy(name);
                return $"destroy {name}";
            case < 86:
                // Several at once, as a burst of requests lands before the agents act.
                foreach (var other in pool.Jobs.Where(_ => random.Next(6) == 0)) twins.Put(other, Demanding(random, other, pool), "launched");
                return "burst";
            case < 93:
                twins.Destroy(Replacer);
                return $"destroy {Replacer}";
            case < 94:
                twins.Put(Replacer, File(("X-Fleet", "Replaces", pool.Jobs[random.Next(pool.Jobs.Length)])), "launched");
                return $"put {Replacer}";
            case < 96:
                var global = Globals[random.Next(Globals.Length)];
                if (random.Next(3) == 0)
                {
                    twins.Destroy(global);
                    return $"destroy {global}";
                }
                twins.Put(global, GlobalFile(random, global), Pick(random, "launched", "loaded", "inactive"));
                return $"put {global}";
            case < 98:
                var machine = pool.Machines[random.Next(pool.Machines.Count)];
                return twins.ToggleMachine(machine);
            default:
                var id = pool.Machines[random.Next(pool.Machines.Count)].Id;
                var value = random.Next(3) == 0 ? null : Pick(random, "web", "db");
                twins.SetMetadata(id, "role", value);
                return $"metadata {id} role={value}";
        }
    }

    private static UnitFile Demanding(Random random, string name, Pool pool) => random.Next(12) switch
    {
        0 => File(("X-Fleet", "Conflicts", "u0*.service")),
        1 => File(("X-Fleet", "Conflicts", "u*.service")),
        2 or 3 => File(("X-Fleet", "Conflicts", "%p@*.service")),
        4 => File(("X-Fleet", "Conflicts", $"{pool.Jobs[random.Next(pool.Jobs.Length)]} u1?.service")),
        5 => File(("X-Fleet", "MachineMetadata", Pick(random, "role=web", "role=db"))),
        6 => File(("X-Fleet", "MachineMetadata", "role=web"), ("X-Fleet", "Conflicts", Pick(random, "%p@*.service", "u*.service"))),
        7 => File(("X-Fleet", "MachineOf", Pick(random, pool.Jobs[random.Next(pool.Jobs.Length)], pool.Jobs[random.Next(pool.Jobs.Length)], Globals[0]))),
        8 => File(("X-Fleet", "MachineOf", pool.Jobs[random.Next(pool.Jobs.Length)]), ("X-Fleet", "Conflicts", "app@*.service")),
        9 => File(("X-Fleet", "MachineID", pool.Machines[random.Next(pool.Machines.Count)].Id[..8])),
        10 => File(("X-Fleet", "Conflicts", name)),
        _ => File(("Unit", "Description", $"plain {random.Next(3)}")),
    };

    private static UnitFile GlobalFile(Random random, string name) => random.Next(4) switch
    {
        0 => File(("X-Fleet", "Global", "true")),
        1 => File(("X-Fleet", "Global", "true"), ("X-Fleet", "MachineMetadata", "role=web")),
        2 => File(("X-Fleet", "Global", "true"), ("X-Fleet", "Conflicts", "u0*.service")),
        _ => File(("X-Fleet", "Global", "true"), ("Unit", "Description", name)),
    };

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];

    // The units a history names, and the machines it runs on: the reference three, then web, db
    // and bare ones in turn, so metadata narrows choices.
    private sealed record Pool(string[] Jobs, IReadOnlyList<SimulatedMachine> Machines)
    {
        public string[] Names { get; } = [.. Jobs, .. Globals, Replacer];

        public static Pool Of(int units, int instances, int machines) => new(
            [.. Enumerable.Range(0, units).Select(i => $"u{i:D2}.service"), .. Enumerable.Range(1, instances).Select(i => $"app@{i}.service")],
            [.. ReferenceCluster.Take(machines).Select((machine, i) => i < 3 ? machine : machine with { Metadata = (i % 3) switch
            {
                0 => Metadata(("role", "web")),
                1 => Metadata(("role", "db")),
                _ => ValueMap.Empty,
            } })]);
    }
}
