using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;
using static Fleet.Simulator.Tests.Cluster.ClusterFixtures;

namespace Fleet.Simulator.Tests.Cluster;

/// <summary>
/// The cluster acts on a change by touching only what changed when it can; it must still land
/// exactly where fleet's engine, run over the whole registry until nothing moves, and then every
/// agent, would. Random histories of changes (seeded, so a failure replays) are run through both.
/// </summary>
public class IncrementalClusterTests
{
    private static readonly string[] Names = [.. Enumerable.Range(0, 14).Select(i => $"u{i:D2}.service")];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 60)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Acting_on_each_change_lands_where_full_passes_do(int seed) => Replay(seed, settleEvery: 1, demandingOneIn: 10);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Acting_on_a_batch_of_changes_lands_where_full_passes_do(int seed) => Replay(seed, settleEvery: 4, demandingOneIn: 10);

    // Units that conflict, need a peer or metadata, replace or go everywhere: many are refused by
    // every machine, and the cluster's memory of who refused them must never change a choice.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Remembering_refusals_lands_where_full_passes_do(int seed) => Replay(seed, settleEvery: 2, demandingOneIn: 1);

    private static void Replay(int seed, int settleEvery, int demandingOneIn)
    {
        var random = new Random(seed);
        using var cluster = new SimulatedCluster(Machines, Timeout.InfiniteTimeSpan);
        var twins = new Twins(cluster, new FullPassCluster(Machines));
        for (var step = 0; step < 120; step++)
        {
            var change = Apply(random, twins, demandingOneIn);
            if (random.Next(settleEvery) != 0) continue;
            cluster.Settle();
            twins.Model.Act();
            twins.Model.AssertSame(cluster, Names, $"seed {seed}, step {step} ({change})");
        }
    }

    // Mostly units that ask nothing of the scheduler, so long stretches run on the shortcut; now
    // and then a demanding unit or a machine change, which the cluster must notice.
    private static string Apply(Random random, Twins twins, int demandingOneIn)
    {
        var name = Names[random.Next(Names.Length)];
        switch (random.Next(20))
        {
            case < 8:
                var state = Pick(random, "launched", "loaded", "inactive");
                var file = random.Next(demandingOneIn) == 0 ? Demanding(random, name) : File(("Unit", "Description", $"take {random.Next(3)}"));
                twins.Put(name, file, state);
                return $"put {name} {state}";
            case < 13:
                var target = random.Next(12) == 0 ? "bogus" : Pick(random, "launched", "loaded", "inactive");
                twins.SetTargetState(name, target);
                return $"target {name} {target}";
            case < 17:
                twins.Destroy(name);
                return $"destroy {name}";
            case 17:
                return twins.ToggleMachine(Machines[random.Next(Machines.Count)]);
            case 18:
                var id = Machines[random.Next(Machines.Count)].Id;
                var value = random.Next(2) == 0 ? null : Pick(random, "web", "db");
                twins.SetMetadata(id, "role", value);
                return $"metadata {id} role={value}";
            default:
                // Several at once, as a burst of requests lands before the agents act.
                foreach (var other in Names.Where(_ => random.Next(4) == 0)) twins.Put(other, File(), "launched");
                return "burst";
        }
    }

    private static UnitFile Demanding(Random random, string name) => random.Next(5) switch
    {
        0 => File(("X-Fleet", "Conflicts", random.Next(2) == 0 ? "u0*.service" : "u*.service")),
        1 => File(("X-Fleet", "MachineMetadata", "role=web")),
        2 => File(("X-Fleet", "Global", "true")),
        3 => File(("X-Fleet", "Replaces", Names[(Array.IndexOf(Names, name) + 1) % Names.Length])),
        _ => File(("X-Fleet", "MachineOf", Names[0])),
    };

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];
}
