using System.Net;
using Fleet.Simulator.Cluster;

namespace Fleet.Simulator.Tests.Server;

/// <summary>
/// Each [X-Fleet] requirement end to end: units PUT through the API, where they land read back
/// from it. The engine's rules in detail are in Cluster/EngineTests.
/// </summary>
public sealed class SchedulingTests : IAsyncLifetime
{
    private static readonly string Web = ReferenceCluster.Machines[0].Id;
    private static readonly string Db = ReferenceCluster.Machines[1].Id;
    private static readonly string Bare = ReferenceCluster.Machines[2].Id;
    private static readonly (string, string, string) Exec = ("Service", "ExecStart", "/bin/true");

    private FleetServer server = null!;
    private FleetHttp client = null!;

    public async Task InitializeAsync()
    {
        server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        client = FleetHttp.Tcp(server);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Units_go_to_the_least_loaded_machine_ties_to_the_lowest_id()
    {
        foreach (var name in new[] { "a.service", "b.service", "c.service", "d.service" }) await CreateAsync(name, "launched", Exec);

        Assert.Equal(Placed(Web, Db, Bare, Web), await MachinesOfAsync("a.service", "b.service", "c.service", "d.service"));
    }

    [Theory]
    [InlineData("9a805ebde048c3f6e34bd2c4b3f89a2c")]
    [InlineData("9a805ebd")]
    public async Task Machine_id_pins_a_unit_by_its_full_or_short_id(string id)
    {
        await CreateAsync("pinned.service", "launched", Exec, ("X-Fleet", "MachineID", id));

        Assert.Equal(Placed(Bare), await MachinesOfAsync("pinned.service"));
    }

    [Fact]
    public async Task Machine_metadata_needs_a_machine_with_one_of_the_accepted_values_of_every_key()
    {
        await CreateAsync("db.service", "launched", Exec, ("X-Fleet", "MachineMetadata", "role=db"));
        await CreateAsync("either.service", "launched", Exec, ("X-Fleet", "MachineMetadata", "region=us-east"), ("X-Fleet", "MachineMetadata", "region=us-west"), ("X-Fleet", "MachineMetadata", "role=web"));

        Assert.Equal(Placed(Db, Web), await MachinesOfAsync("db.service", "either.service"));
    }

    [Fact]
    public async Task Machine_of_puts_a_unit_beside_its_peer()
    {
        await CreateAsync("ping.service", "launched", Exec, ("X-Fleet", "MachineID", Db));
        await CreateAsync("pong.service", "launched", Exec, ("X-Fleet", "MachineOf", "ping.service"));

        Assert.Equal(Placed(Db, Db), await MachinesOfAsync("ping.service", "pong.service"));
    }

    [Fact]
    public async Task Conflicts_keep_instances_apart_and_the_one_too_many_stays_unscheduled()
    {
        foreach (var i in Enumerable.Range(1, 4)) await CreateAsync($"web@{i}.service", "launched", Exec, ("X-Fleet", "Conflicts", "web@*.service"));

        var machines = await MachinesOfAsync("web@1.service", "web@2.service", "web@3.service", "web@4.service");

        Assert.Equal(Placed(Web, Db, Bare, null), machines);
        var unit = (await client.GetAsync("fleet/v1/units/web@4.service")).Body!;
        Assert.Equal("inactive", unit["currentState"]!.GetValue<string>());
        Assert.Equal(3, server.Cluster.States.Count);
    }

    [Fact]
    public async Task A_unit_no_machine_satisfies_stays_unscheduled_with_no_state()
    {
        await CreateAsync("nowhere.service", "launched", Exec, ("X-Fleet", "MachineMetadata", "role=gpu"));

        Assert.Equal("-", await MachinesOfAsync("nowhere.service"));
        Assert.Empty(server.Cluster.States);
    }

    [Fact]
    public async Task Global_units_run_on_every_matching_machine_and_show_no_machine_of_their_own()
    {
        await CreateAsync("everywhere.service", "launched", Exec, ("X-Fleet", "Global", "true"));
        await CreateAsync("webs.service", "loaded", Exec, ("X-Fleet", "Global", "true"), ("X-Fleet", "MachineMetadata", "role=web"));

        Assert.Equal<string?>([Web, Db, Bare], server.Cluster.States.Where(s => s.Name == "everywhere.service").Select(s => s.MachineId));
        var webs = Assert.Single(server.Cluster.States, s => s.Name == "webs.service");
        Assert.Equal((Web, "inactive"), (webs.MachineId, webs.SystemdActiveState));
        var single = (await client.GetAsync("fleet/v1/units/everywhere.service")).Body!;
        Assert.Null(single["currentState"]);
        Assert.Null(single["machineID"]);
        var listed = (await client.ListAllAsync("fleet/v1/units", "units")).Items.Single(u => u["name"]!.GetValue<string>() == "everywhere.service");
        Assert.Equal("inactive", listed["currentState"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replaces_sends_the_replaced_unit_to_another_machine()
    {
        await CreateAsync("old.service", "launched", Exec);
        Assert.Equal(Placed(Web), await MachinesOfAsync("old.service"));

        // fleet refuses MachineID beside Replaces; the metadata only Web has pins it as well.
        await CreateAsync("new.service", "launched", Exec, ("X-Fleet", "MachineMetadata", "role=web"), ("X-Fleet", "Replaces", "old.service"));

        Assert.Equal(Placed(Web, Db), await MachinesOfAsync("new.service", "old.service"));
    }

    [Fact]
    public async Task A_unit_set_inactive_leaves_its_machine()
    {
        await CreateAsync("a.service", "launched", Exec);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SetStateAsync("a.service", "inactive")).Status);

        Assert.Equal("-", await MachinesOfAsync("a.service"));
    }

    private async Task CreateAsync(string name, string desiredState, params (string, string, string)[] options)
    {
        var (status, body) = await client.PutUnitAsync(name, desiredState, options);
        Assert.True(status == HttpStatusCode.Created, $"{name}: {body?.ToJsonString()}");
    }

    // Where each unit landed, as one comparable line ("-" for unscheduled).
    private async Task<string> MachinesOfAsync(params string[] units)
    {
        var machines = new List<string?>();
        foreach (var unit in units) machines.Add((await client.GetAsync($"fleet/v1/units/{unit}")).Body!["machineID"]?.GetValue<string>());
        return Placed([.. machines]);
    }

    private static string Placed(params string?[] machines) => string.Join(",", machines.Select(m => m ?? "-"));
}
