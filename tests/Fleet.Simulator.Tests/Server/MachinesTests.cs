using System.Net;
using System.Text.Json.Nodes;
using Fleet.Core.Collections;
using Fleet.Simulator.Cluster;

namespace Fleet.Simulator.Tests.Server;

public sealed class MachinesTests
{
    [Fact]
    public async Task A_default_server_has_the_reference_machines_and_further_ones_are_the_same_every_time()
    {
        await using var one = await FleetServer.StartAsync(new FleetServerOptions { MachineCount = 6 });
        await using var other = await FleetServer.StartAsync(new FleetServerOptions { MachineCount = 6 });
        using var client = FleetHttp.Tcp(one);

        var machines = (await client.ListAllAsync("fleet/v1/machines", "machines")).Items;

        Assert.Equal(6, machines.Count);
        var ids = machines.Select(m => m["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Subset(ids.ToHashSet(), ReferenceCluster.Machines.Select(m => m.Id).ToHashSet());
        Assert.Equal(one.Cluster.Machines, other.Cluster.Machines);
        var web = Assert.Single(machines, m => m["primaryIP"]!.GetValue<string>() == "172.17.8.101");
        Assert.Equal("ssd", web["metadata"]!["disk"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_machine_that_joins_takes_the_unit_waiting_for_it_and_a_machine_that_leaves_gives_its_units_up()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        using var client = FleetHttp.Tcp(server);
        var newcomer = new SimulatedMachine("0123456789abcdef0123456789abcdef", "10.0.0.9", ValueMap.Empty);
        await client.PutUnitAsync("pinned.service", "launched", ("Service", "ExecStart", "/bin/true"), ("X-Fleet", "MachineID", newcomer.Id));
        Assert.Empty(server.Cluster.States);

        server.Cluster.AddMachine(newcomer);

        Assert.Contains(newcomer.Id, (await client.ListAllAsync("fleet/v1/machines", "machines")).Items.Select(m => m["id"]!.GetValue<string>()));
        Assert.Equal(newcomer.Id, await MachineOfAsync(client, "pinned.service"));

        await client.PutUnitAsync("roaming.service", "launched", ("Service", "ExecStart", "/bin/true"));
        var first = await MachineOfAsync(client, "roaming.service");
        Assert.True(server.Cluster.RemoveMachine(first!));

        var second = await MachineOfAsync(client, "roaming.service");
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain(first, (await client.ListAllAsync("fleet/v1/machines", "machines")).Items.Select(m => m["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Metadata_edited_through_patch_shows_in_the_list_and_steers_the_scheduler()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        using var client = FleetHttp.Tcp(server);
        var bare = ReferenceCluster.Machines[2].Id;
        await client.PutUnitAsync("gpu.service", "launched", ("Service", "ExecStart", "/bin/true"), ("X-Fleet", "MachineMetadata", "gpu=yes"));
        Assert.Null(await MachineOfAsync(client, "gpu.service"));

        var patch = new JsonArray(
            new JsonObject { ["op"] = "add", ["path"] = $"/{bare}/metadata/gpu", ["value"] = new JsonObject { ["value"] = "yes" } },
            new JsonObject { ["op"] = "add", ["path"] = $"/{bare}/metadata/rack", ["value"] = new JsonObject { ["value"] = "a1" } },
            new JsonObject { ["op"] = "replace", ["path"] = $"/{bare}/metadata/rack", ["value"] = new JsonObject { ["value"] = "b2" } });
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Patch, "fleet/v1/machines", patch.ToJsonString())).Status);

        Assert.Equal(bare, await MachineOfAsync(client, "gpu.service"));
        var metadata = (await MetadataAsync(client, bare))!;
        Assert.Equal("yes", metadata["gpu"]!.GetValue<string>());
        Assert.Equal("b2", metadata["rack"]!.GetValue<string>());

        var remove = new JsonArray(new JsonObject { ["op"] = "remove", ["path"] = $"/{bare}/metadata/gpu" }, new JsonObject { ["op"] = "remove", ["path"] = $"/{bare}/metadata/rack" });
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Patch, "fleet/v1/machines", remove.ToJsonString())).Status);

        Assert.Null(await MetadataAsync(client, bare));
        Assert.Null(await MachineOfAsync(client, "gpu.service"));
    }

    private static async Task<string?> MachineOfAsync(FleetHttp client, string unit) =>
        (await client.GetAsync($"fleet/v1/units/{unit}")).Body!["machineID"]?.GetValue<string>();

    private static async Task<JsonNode?> MetadataAsync(FleetHttp client, string machine) =>
        (await client.ListAllAsync("fleet/v1/machines", "machines")).Items.Single(m => m["id"]!.GetValue<string>() == machine)["metadata"];
}
