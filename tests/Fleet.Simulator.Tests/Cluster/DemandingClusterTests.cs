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
    private const int Steps = 200;

    private static readonly string[] Jobs =
    [
        .. Enumerable.Range(0, 24).Select(i => $"u{i:D2}.service"),
        .. Enumerable.Range(1, 12).Select(i => $"app@{i}.service"),
    ];

    private static readonly string[] Globals = ["g0.service", "g1.service"];

    private const string Replacer = "r0.service";

    private static readonly string[] Names = [.. Jobs, .. Globals, Replacer];

    // Nine machines: the reference three, then web, db and bare ones, so metadata narrows choices.
    private static readonly IReadOnlyList<SimulatedMachine> Fleet =
        [.. ReferenceCluster.Take(9).Select((machine, i) => i < 3 ? machine : machine with { Metadata = (i % 3) switch
        {
            0 => Metadata(("role", "web")),
            1 => Metadata(("role", "db")),
            _ => ValueMap.Empty,
        } })];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 200)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Acting_on_each_demanding_change_lands_where_full_passes_do(int seed) => Replay(seed, settleEvery: 1);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Acting_on_batches_of_demanding_changes_lands_where_full_passes_do(int seed) => Replay(seed, settleEvery: 3);

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

    private static void Replay(int seed, int settleEvery)
    {
        var random = new Random(seed);
        var twins = new Twins(new SimulatedCluster(Fleet, Timeout.InfiniteTimeSpan), new FullPassCluster(Fleet));
        using var cluster = twins.Cluster;
        // Global units present from the start, changed only now and then after.
        if (seed % 2 == 0) twins.Put(Globals[0], GlobalFile(random, Globals[0]), "launched");
        if (seed % 3 == 0) twins.Put(Globals[1], GlobalFile(random, Globals[1]), Pick(random, "launched", "loaded"));
        var settles = 0;
        for (var step = 0; step < Steps; step++)
        {
            var change = Apply(random, twins);
            if (random.Next(settleEvery) != 0) continue;
            cluster.Settle();
            twins.Model.Act();
            twins.Model.AssertSame(cluster, Names, $"seed {seed}, step {step} ({change})");
            settles++;
        }
        // The first settle builds the engine's view with every pass; after that, machine, global
        // and Replaces changes are rare enough that many settles must have been played on what
        // changed (over these seeds: 82% of settles one change at a time, 72% in batches; at
        // least 38% and 30% in any one replay).
        Assert.True(cluster.Acts.OnChanges * 4 >= settles, $"seed {seed}: only {cluster.Acts.OnChanges} of {settles} settles acted on the changes alone");
    }

    private static string Apply(Random random, Twins twins)
    {
        var name = Jobs[random.Next(Jobs.Length)];
        switch (random.Next(100))
        {
            case < 40:
                var state = Pick(random, "launched", "launched", "loaded", "inactive");
                twins.Put(name, random.Next(10) == 0 ? File() : Demanding(random, name), state);
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
                foreach (var other in Jobs.Where(_ => random.Next(6) == 0)) twins.Put(other, Demanding(random, other), "launched");
                return "burst";
            case < 93:
                twins.Destroy(Replacer);
                return $"destroy {Replacer}";
            case < 94:
                twins.Put(Replacer, File(("X-Fleet", "Replaces", Jobs[random.Next(Jobs.Length)])), "launched");
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
                var machine = Fleet[random.Next(Fleet.Count)];
                return twins.ToggleMachine(machine);
            default:
                var id = Fleet[random.Next(Fleet.Count)].Id;
                var value = random.Next(3) == 0 ? null : Pick(random, "web", "db");
                twins.SetMetadata(id, "role", value);
                return $"metadata {id} role={value}";
        }
    }

    private static UnitFile Demanding(Random random, string name) => random.Next(12) switch
    {
        0 => File(("X-Fleet", "Conflicts", "u0*.service")),
        1 => File(("X-Fleet", "Conflicts", "u*.service")),
        2 or 3 => File(("X-Fleet", "Conflicts", "%p@*.service")),
        4 => File(("X-Fleet", "Conflicts", $"{Jobs[random.Next(Jobs.Length)]} u1?.service")),
        5 => File(("X-Fleet", "MachineMetadata", Pick(random, "role=web", "role=db"))),
        6 => File(("X-Fleet", "MachineMetadata", "role=web"), ("X-Fleet", "Conflicts", Pick(random, "%p@*.service", "u*.service"))),
        7 => File(("X-Fleet", "MachineOf", Pick(random, Jobs[random.Next(Jobs.Length)], Jobs[random.Next(Jobs.Length)], Globals[0]))),
        8 => File(("X-Fleet", "MachineOf", Jobs[random.Next(Jobs.Length)]), ("X-Fleet", "Conflicts", "app@*.service")),
        9 => File(("X-Fleet", "MachineID", Fleet[random.Next(Fleet.Count)].Id[..8])),
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

    // The cluster under test and the model, given every change alike.
    private sealed record Twins(SimulatedCluster Cluster, FullPassCluster Model)
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
}
