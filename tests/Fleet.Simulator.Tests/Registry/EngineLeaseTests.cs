using System.Diagnostics;
using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.Simulator.Registry;
using Fleet.Tests.Shared;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using Fleet.UnitFiles;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Simulator.Tests.Registry;

/// <summary>
/// fleet v1.0.0's engine election between instances on one registry: the lease and version keys
/// as fleet writes them, one engine scheduling for all the instances' machines, and the handover
/// when the leader stops.
/// </summary>
public sealed class EngineLeaseTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    [Fact]
    public async Task After_a_first_pass_the_lease_and_engine_version_are_as_fleet_writes_them()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();

        // fleetd's default engine_reconcile_interval: 2 s, so a 10 s lease.
        await using var fleet = await LeaseCluster.StartAsync(etcd, prefix, ReferenceCluster.Machines, TimeSpan.FromSeconds(2));

        var lease = (await keys.GetAsync(prefix + "/lease/engine-leader")).Right().Node;
        var version = (await keys.GetAsync(prefix + "/engine/version")).Right().Node;
        Assert.Equal("{\"MachineID\":\"222f532fc7580e18ebfca1f8614c8086\",\"Version\":1}", lease.Value);
        Assert.InRange(lease.Ttl ?? 0, 9, 10);
        Assert.Equal(("1", (long?)null), (version.Value, version.Ttl));
        Assert.True(fleet.IsEngineLeader);
    }

    [Theory]
    [InlineData(2000, 10)]
    [InlineData(200, 1)]
    [InlineData(450, 2)]
    [InlineData(50, 1)]
    public void The_lease_lives_five_intervals_in_whole_seconds_and_at_least_one(int intervalMilliseconds, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), EngineLease.TtlFor(TimeSpan.FromMilliseconds(intervalMilliseconds)));

    [Fact]
    public async Task An_older_engine_version_is_raised_and_a_newer_one_keeps_the_engine_out()
    {
        var older = EtcdFixture.NewPrefix();
        var newer = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        (await keys.SetAsync(older + "/engine/version", "0")).Right();
        (await keys.SetAsync(newer + "/engine/version", "2")).Right();

        await using var raised = await LeaseCluster.StartAsync(etcd, older, ReferenceCluster.Machines, TimeSpan.FromHours(1));
        await using var kept = await LeaseCluster.StartAsync(etcd, newer, ReferenceCluster.Machines, TimeSpan.FromHours(1));

        Assert.Equal("1", (await keys.GetAsync(older + "/engine/version")).Right().Node.Value);
        Assert.True(raised.IsEngineLeader);
        Assert.Equal("2", (await keys.GetAsync(newer + "/engine/version")).Right().Node.Value);
        Assert.Equal(EtcdErrorCodes.KeyNotFound, (await keys.GetAsync(newer + "/lease/engine-leader")).Left().EtcdCode);
        Assert.False(kept.IsEngineLeader);
    }

    [Fact]
    public async Task An_older_engines_lease_is_stolen_with_its_index()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        // A value that is not fleet's JSON is a version-0 engine's lease naming the whole value.
        var old = (await keys.SetAsync(prefix + "/lease/engine-leader", "some-old-engine", new EtcdSetOptions { Ttl = TimeSpan.FromSeconds(30) })).Right().Node;

        await using var fleet = await LeaseCluster.StartAsync(etcd, prefix, ReferenceCluster.Machines, TimeSpan.FromHours(1));

        var lease = (await keys.GetAsync(prefix + "/lease/engine-leader")).Right().Node;
        Assert.Equal(LeaseCluster.Value(LeaseCluster.M1), lease.Value);
        Assert.Equal(old.CreatedIndex, lease.CreatedIndex);
        Assert.True(lease.ModifiedIndex > old.ModifiedIndex);
        // The stolen lease's TTL is the engine's own (five hours) plus what the old one had left,
        // and the engine waits that time out before it schedules.
        Assert.InRange(lease.Ttl ?? 0, 5 * 3600 + 20, 5 * 3600 + 30);
        Assert.False(fleet.IsEngineLeader);
    }

    [Fact]
    public async Task A_second_instance_neither_takes_the_lease_nor_schedules_while_the_first_renews_it()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        var interval = TimeSpan.FromMilliseconds(400);
        await using var first = await LeaseCluster.StartAsync(etcd, prefix, ReferenceCluster.Machines.Take(2), interval);
        await using var second = await LeaseCluster.StartAsync(etcd, prefix, ReferenceCluster.Machines.Skip(2), interval);
        var taken = (await keys.GetAsync(prefix + "/lease/engine-leader")).Right().Node;

        // Watched for longer than the lease's 2 s TTL; each round renews it by hand as well, so a
        // slow timer on a busy machine cannot let it lapse.
        var watched = Stopwatch.StartNew();
        var rounds = 0;
        while (watched.Elapsed < EngineLease.TtlFor(interval) * 1.5 || rounds < 3)
        {
            (await first.PassAsync()).Right();
            (await second.PassAsync()).Right();
            var now = (await keys.GetAsync(prefix + "/lease/engine-leader")).Right().Node;
            Assert.Equal((taken.CreatedIndex, LeaseCluster.Value(LeaseCluster.M1)), (now.CreatedIndex, now.Value));
            Assert.True(first.IsEngineLeader);
            Assert.False(second.IsEngineLeader);
            rounds++;
            await Task.Delay(100);
        }

        Assert.True((await keys.GetAsync(prefix + "/lease/engine-leader")).Right().Node.ModifiedIndex > taken.ModifiedIndex, "the lease was never renewed");
    }

    [Fact]
    public async Task Two_instances_place_units_as_one_instance_of_all_their_machines_and_each_publishes_for_its_own()
    {
        var single = EtcdFixture.NewPrefix();
        var shared = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        var fast = TimeSpan.FromMilliseconds(50);
        await using var one = await LeaseCluster.StartAsync(etcd, single, ReferenceCluster.Machines, fast);
        await using var first = await LeaseCluster.StartAsync(etcd, shared, ReferenceCluster.Machines.Take(2), fast);
        // The second instance passes only when the test asks it to.
        await using var second = await LeaseCluster.StartAsync(etcd, shared, ReferenceCluster.Machines.Skip(2), TimeSpan.FromHours(1));
        await LeaseCluster.CreateReferenceUnitsAsync(etcd, single);
        await LeaseCluster.CreateReferenceUnitsAsync(etcd, shared);

        // One instance settles: six units heartbeated, the global one on every machine.
        var expected = await LeaseCluster.PollAsync(
            async () => ReferenceKeyspace.Cluster(await ReferenceKeyspace.ReadAsync(keys, single)),
            lines => lines.Count(line => line.Contains("/job-state = ", StringComparison.Ordinal)) == 6 && lines.Count(line => line.Contains("/states/monitor.service/", StringComparison.Ordinal)) == 3,
            "the one instance's cluster settles");
        static List<string> Targets(IEnumerable<string> lines) => [.. lines.Where(line => line.Contains("/target = ", StringComparison.Ordinal))];
        await LeaseCluster.PollAsync(
            async () => ReferenceKeyspace.Cluster(await ReferenceKeyspace.ReadAsync(keys, shared)),
            lines => Targets(lines).SequenceEqual(Targets(expected)),
            "the leader schedules as the one instance did");
        (await first.PassAsync()).Right();

        var beforeSecond = ReferenceKeyspace.Cluster(await ReferenceKeyspace.ReadAsync(keys, shared));
        Assert.Contains(beforeSecond, line => line.EndsWith("/target = " + LeaseCluster.M3, StringComparison.Ordinal));
        Assert.Contains(beforeSecond, line => line.Contains("/states/", StringComparison.Ordinal) && line.Contains(LeaseCluster.M1, StringComparison.Ordinal));
        Assert.DoesNotContain(beforeSecond, line => !line.Contains("/target = ", StringComparison.Ordinal) && !line.Contains("/machines/", StringComparison.Ordinal) && line.Contains(LeaseCluster.M3, StringComparison.Ordinal));
        Assert.False(second.IsEngineLeader);

        (await second.PassAsync()).Right();
        (await first.PassAsync()).Right();

        var after = ReferenceKeyspace.Cluster(await ReferenceKeyspace.ReadAsync(keys, shared));
        Assert.Equal(expected, after);
        Assert.True(first.IsEngineLeader);
        Assert.False(second.IsEngineLeader);
    }

    [Fact]
    public async Task When_the_leader_stops_the_other_takes_the_lease_and_moves_the_units_of_the_machines_that_left()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        var interval = TimeSpan.FromMilliseconds(100);
        var first = await LeaseCluster.StartAsync(etcd, prefix, ReferenceCluster.Machines.Take(2), interval);
        await using var second = await LeaseCluster.StartAsync(etcd, prefix, ReferenceCluster.Machines.Skip(2), interval);
        List<string> running;
        try
        {
            await LeaseCluster.CreatePlainUnitsAsync(etcd, prefix);
            running = await LeaseCluster.PollAsync(
                async () => ReferenceKeyspace.Cluster(await ReferenceKeyspace.ReadAsync(keys, prefix)),
                lines => lines.Count(line => line.Contains("/job-state = ", StringComparison.Ordinal)) == LeaseCluster.PlainUnits.Length,
                "every unit runs");
            Assert.Equal(LeaseCluster.Value(LeaseCluster.M1), (await keys.GetAsync(prefix + "/lease/engine-leader")).Right().Node.Value);
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.Contains(running, line => line.EndsWith("/target = " + LeaseCluster.M1, StringComparison.Ordinal));
        Assert.Contains(running, line => line.EndsWith("/target = " + LeaseCluster.M2, StringComparison.Ordinal));
        await LeaseCluster.HandedOverToTheThirdMachineAsync(keys, prefix);
        Assert.True(second.IsEngineLeader);
    }
}

/// <summary>What the election tests share: the machines, the units, the polling and the final check.</summary>
internal static class LeaseCluster
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static readonly string M1 = ReferenceCluster.Machines[0].Id;
    public static readonly string M2 = ReferenceCluster.Machines[1].Id;
    public static readonly string M3 = ReferenceCluster.Machines[2].Id;

    public static readonly string[] PlainUnits = ["lease-a.service", "lease-b.service", "lease-c.service", "lease-d.service", "lease-e.service", "lease-f.service"];

    /// <summary>The lease's value for a machine, as fleet writes it.</summary>
    public static string Value(string machineId) => $"{{\"MachineID\":\"{machineId}\",\"Version\":1}}";

    public static async Task<EtcdFleet> StartAsync(EtcdFixture etcd, string prefix, IEnumerable<SimulatedMachine> machines, TimeSpan interval) =>
        (await EtcdFleet.StartAsync(machines, [etcd.Url], new EtcdFleetOptions { Registry = new FleetRegistryOptions { KeyPrefix = prefix }, Interval = interval })).Right();

    /// <summary>The reference scenario's units, launched, in name order: constraints, a template's instances and a global unit.</summary>
    public static async Task CreateReferenceUnitsAsync(EtcdFixture etcd, string prefix)
    {
        await using var client = await ConnectAsync(etcd, prefix);
        foreach (var (name, file) in new[] { ("db.service", "db.service"), ("hello.service", "hello.service"), ("monitor.service", "monitor.service"), ("ping.service", "ping.service"), ("pong.service", "pong.service"), ("web@1.service", "web@.service"), ("web@2.service", "web@.service") })
        {
            (await client.CreateUnitAsync(name, ReferenceKeyspace.Unit(file), DesiredState.Launched)).Right();
        }
    }

    /// <summary>Units any machine can run, launched.</summary>
    public static async Task CreatePlainUnitsAsync(EtcdFixture etcd, string prefix)
    {
        await using var client = await ConnectAsync(etcd, prefix);
        var file = UnitFile.Parse("[Service]\nExecStart=/usr/bin/sleep infinity\n").Right();
        foreach (var name in PlainUnits) (await client.CreateUnitAsync(name, file, DesiredState.Launched)).Right();
    }

    /// <summary>Reads until the condition holds, with short gaps, or fails with what was read last.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value)) return value;
            if (deadline.Elapsed > Deadline) Assert.Fail($"not within {Deadline}: {what}; last read:\n{Show(value)}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// After the instance of the first two machines left: the lease names the third, which holds
    /// every plain unit with its state and heartbeat, and nothing names the machines that left
    /// (but the empty <c>machines/ID/</c> folders etcd keeps once their objects are deleted).
    /// </summary>
    public static async Task HandedOverToTheThirdMachineAsync(EtcdKeysClient keys, string prefix)
    {
        var final = await PollAsync(
            async () => ((await keys.GetAsync(prefix + "/lease/engine-leader")).Map(response => response.Node.Value).IfLeft(""), ReferenceKeyspace.Cluster(await ReferenceKeyspace.ReadAsync(keys, prefix))),
            read => read.Item1 == Value(M3)
                && PlainUnits.All(unit => read.Item2.Contains($"{ReferenceKeyspace.Prefix}/job/{unit}/target = {M3}") && read.Item2.Contains($"{ReferenceKeyspace.Prefix}/job/{unit}/job-state = {M3}"))
                && !read.Item2.Any(line => !line.EndsWith('/') && (line.Contains(M1, StringComparison.Ordinal) || line.Contains(M2, StringComparison.Ordinal))),
            "the third machine's instance leads and runs every unit");
        var states = final.Item2.Where(line => line.Contains("/states/", StringComparison.Ordinal)).ToList();
        Assert.Equal(PlainUnits.Select(unit => $"{ReferenceKeyspace.Prefix}/states/{unit}/{M3}"), states.Select(line => line.Split(" = ")[0]));
        Assert.All(final.Item2.Where(line => line.Contains("/state/", StringComparison.Ordinal)), line => Assert.Contains($"\"ID\":\"{M3}\"", line, StringComparison.Ordinal));
    }

    private static string? Show(object? value) => value switch
    {
        IEnumerable<string> lines => string.Join("\n", lines),
        System.Runtime.CompilerServices.ITuple tuple => string.Join("\n", Enumerable.Range(0, tuple.Length).Select(i => Show(tuple[i]))),
        _ => value?.ToString(),
    };

    private static async Task<FleetClient> ConnectAsync(EtcdFixture etcd, string prefix) =>
        (await FleetClient.ConnectToRegistryAsync([etcd.Url], new FleetRegistryOptions { KeyPrefix = prefix })).Right();
}
