using Fleet.Tests.Shared;
using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.Simulator.Registry;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Simulator.Tests.Registry;

/// <summary>
/// The simulated fleetd over a real etcd against tests/fleet-reference/etcd: each scenario seeds
/// the registry as an earlier step left it (without what fleetd itself keeps alive: machines,
/// unit states, heartbeats), lets the engine and agents bring it back, makes the next step's
/// change through the registry client, and waits for the keyspace the reference shows after it.
/// </summary>
public sealed class EtcdFleetTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private static readonly EtcdFleetOptions Fast = new() { Interval = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task Registers_each_machine_exactly_as_fleetd_writes_it_with_fleets_ttl()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        await using var fleet = await StartAsync(prefix);

        // Besides the machines there is only the engine's election (see EngineLeaseTests).
        var nodes = (await ReferenceKeyspace.NodesAsync(keys, prefix)).Where(n => n.Key.Contains("/machines/", StringComparison.Ordinal)).ToList();

        Assert.Equal(ReferenceKeyspace.Cluster(ReferenceKeyspace.Of("003")), nodes.Select(n => $"{n.Key} = {n.Node.Value}").ToList());
        Assert.All(nodes, n => Assert.InRange(n.Node.Ttl ?? 0, 20, 30));
    }

    [Fact]
    public async Task Removes_its_machines_when_disposed()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        var fleet = await StartAsync(prefix);
        Assert.Equal(3, (await ReferenceKeyspace.ReadAsync(keys, prefix)).Count(line => line.Contains("/machines/", StringComparison.Ordinal)));

        await fleet.DisposeAsync();

        Assert.DoesNotContain(await ReferenceKeyspace.ReadAsync(keys, prefix), line => line.Contains("/machines/", StringComparison.Ordinal) && !line.EndsWith('/'));
    }

    [Theory]
    [InlineData("026", "027", "hello.service=launched")]
    [InlineData("028", "029", "web@1.service=launched from web@.service", "web@2.service=launched from web@.service")]
    [InlineData("029", "030", "monitor.service=launched")]
    [InlineData("030", "031", "db.service=launched")]
    [InlineData("043", "044", "hello.service=loaded")]
    [InlineData("051", "052", "pong.service=destroy")]
    public async Task Brings_the_registry_to_the_keyspace_fleet_left_after_a_step(string before, string after, params string[] changes)
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        await ReferenceKeyspace.SeedAsync(keys, prefix, ReferenceKeyspace.WithoutFleetd(ReferenceKeyspace.Of(before)));
        await using var fleet = await StartAsync(prefix);
        await ConvergesAsync(keys, prefix, before);

        await using var client = await ConnectAsync(prefix);
        foreach (var change in changes)
        {
            // NAME=STATE, NAME=destroy, or NAME=STATE from FILE: created from the reference's unit file, as fleetctl starts an instance.
            var (name, action) = (change.Split('=')[0], change.Split('=')[1].Split(" from "));
            var done = action switch
            {
                ["destroy"] => await client.DestroyUnitAsync(name),
                [var state] => await client.SetDesiredStateAsync(name, DesiredStates.Parse(state).Right()),
                [var state, var file] => await client.CreateUnitAsync(name, ReferenceKeyspace.Unit(file), DesiredStates.Parse(state).Right()),
                _ => throw new ArgumentException(change, nameof(changes)),
            };
            done.Right();
        }

        await ConvergesAsync(keys, prefix, after);
    }

    [Fact]
    public async Task Leaves_a_unit_no_machine_accepts_unscheduled()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        await ReferenceKeyspace.SeedAsync(keys, prefix, ReferenceKeyspace.WithoutFleetd(ReferenceKeyspace.Of("031")));
        await using var fleet = await StartAsync(prefix);
        await using var client = await ConnectAsync(prefix);

        (await client.SetDesiredStateAsync("nowhere.service", DesiredState.Launched)).Right();
        for (var i = 0; i < 3; i++) (await fleet.PassAsync()).Right();

        var expected = ReferenceKeyspace.Cluster(ReferenceKeyspace.Of("031"))
            .Select(line => line == "/_coreos.com/fleet/job/nowhere.service/target-state = inactive" ? "/_coreos.com/fleet/job/nowhere.service/target-state = launched" : line).ToList();
        Assert.Equal(expected, ReferenceKeyspace.Cluster(await ReferenceKeyspace.ReadAsync(keys, prefix)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bogus")]
    public async Task Leaves_alone_a_unit_whose_target_state_is_missing_or_not_fleets(string? targetState)
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        var seeded = ReferenceKeyspace.WithoutFleetd(ReferenceKeyspace.Of("017"))
            .Where(line => targetState is not null || !line.EndsWith("/target-state = inactive", StringComparison.Ordinal))
            .Select(line => line.EndsWith("/target-state = inactive", StringComparison.Ordinal) ? line.Replace("= inactive", "= " + targetState, StringComparison.Ordinal) : line)
            .ToList();
        await ReferenceKeyspace.SeedAsync(keys, prefix, seeded);
        await using var fleet = await StartAsync(prefix);

        for (var i = 0; i < 3; i++) (await fleet.PassAsync()).Right();

        var jobs = (await ReferenceKeyspace.ReadAsync(keys, prefix)).Where(line => line.Contains("/job/", StringComparison.Ordinal) || line.Contains("/state", StringComparison.Ordinal)).ToList();
        Assert.Equal(seeded.Where(line => line.Contains("/job/", StringComparison.Ordinal)), jobs);
    }

    [Fact]
    public async Task Gives_unit_states_and_heartbeats_fleets_ttl_and_the_schedule_none()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        await ReferenceKeyspace.SeedAsync(keys, prefix, ReferenceKeyspace.WithoutFleetd(ReferenceKeyspace.Of("031")));
        await using var fleet = await StartAsync(prefix);
        await ConvergesAsync(keys, prefix, "031");

        var nodes = await ReferenceKeyspace.NodesAsync(keys, prefix);

        static bool Lives(string key) => key.Contains("/states/", StringComparison.Ordinal) || key.Contains("/state/", StringComparison.Ordinal) || key.Contains("/machines/", StringComparison.Ordinal) || key.EndsWith("/job-state", StringComparison.Ordinal);
        Assert.Contains(nodes, n => n.Key.EndsWith("/job-state", StringComparison.Ordinal));
        Assert.All(nodes.Where(n => Lives(n.Key)), n => Assert.InRange(n.Node.Ttl ?? 0, 20, 30));
        // The engine lease has a TTL of its own (see EngineLeaseTests).
        Assert.All(nodes.Where(n => !Lives(n.Key) && !n.Key.EndsWith("/lease/engine-leader", StringComparison.Ordinal)), n => Assert.Null(n.Node.Ttl));
    }

    [Fact]
    public async Task A_pass_that_cannot_reach_etcd_answers_why_and_says_so_in_last_error()
    {
        var own = await Fleet.Tests.Shared.Etcd.EtcdServer.StartAsync();
        await using var fleet = (await EtcdFleet.StartAsync(ReferenceCluster.Machines, [own.ClientUrl], Fast)).Right();
        Assert.Null(fleet.LastError);

        await own.DisposeAsync();
        var pass = await fleet.PassAsync();

        Assert.Equal(ErrorKind.Transport, pass.Left().Kind);
        Assert.Equal(ErrorKind.Transport, fleet.LastError?.Kind);
    }

    [Fact]
    public async Task Does_not_start_on_an_endpoint_that_is_not_an_etcd_url()
    {
        var started = await EtcdFleet.StartAsync(ReferenceCluster.Machines, ["127.0.0.1:2379"]);

        Assert.Equal(ErrorKind.Validation, started.Left().Kind);
    }

    private async Task<EtcdFleet> StartAsync(string prefix) =>
        (await EtcdFleet.StartAsync(ReferenceCluster.Machines, [etcd.Url], Fast with { Registry = new FleetRegistryOptions { KeyPrefix = prefix } })).Right();

    private async Task<FleetClient> ConnectAsync(string prefix) =>
        (await FleetClient.ConnectToRegistryAsync([etcd.Url], new FleetRegistryOptions { KeyPrefix = prefix })).Right();

    // Polls until the engine's and agents' part of the keyspace is the step's, or fails with the difference.
    private static async Task ConvergesAsync(EtcdKeysClient keys, string prefix, string step)
    {
        var expected = ReferenceKeyspace.Cluster(ReferenceKeyspace.Of(step));
        using var deadline = new CancellationTokenSource(Deadline);
        List<string> actual;
        while (true)
        {
            actual = ReferenceKeyspace.Cluster(await ReferenceKeyspace.ReadAsync(keys, prefix));
            if (actual.SequenceEqual(expected) || deadline.IsCancellationRequested) break;
            await Task.Delay(50, CancellationToken.None);
        }
        Assert.Equal(expected, actual);
    }
}
