using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Simulator.Tests.Server;

public sealed class StateTransitionTests
{
    private static readonly (string Section, string Name, string Value)[] Options = [("Unit", "Description", "Hello"), ("Service", "ExecStart", "/bin/sleep 1d")];

    private static string Hash => UnitFile.FromOptions([.. Options.Select(o => new UnitOption(o.Section, o.Name, o.Value))]).Hash;

    [Fact]
    public async Task With_no_delay_every_change_shows_in_the_unit_and_its_state_at_once()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        using var client = FleetHttp.Tcp(server);

        Assert.Equal(HttpStatusCode.Created, (await client.PutUnitAsync("hello.service", "launched", Options)).Status);
        var machine = await AssertUnitAsync(client, "launched", "launched");
        await AssertStateAsync(client, machine, "active", "running");

        Assert.Equal(HttpStatusCode.NoContent, (await client.SetStateAsync("hello.service", "loaded")).Status);
        Assert.Equal(machine, await AssertUnitAsync(client, "loaded", "loaded"));
        await AssertStateAsync(client, machine, "inactive", "dead");

        Assert.Equal(HttpStatusCode.NoContent, (await client.SetStateAsync("hello.service", "inactive")).Status);
        Assert.Null(await AssertUnitAsync(client, "inactive", "inactive"));
        Assert.Empty(await StatesAsync(client));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SetStateAsync("hello.service", "launched")).Status);
        Assert.NotNull(await AssertUnitAsync(client, "launched", "launched"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, "fleet/v1/units/hello.service")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("fleet/v1/units/hello.service")).Status);
        Assert.Empty(await StatesAsync(client));
    }

    [Fact]
    public async Task With_a_delay_the_state_arrives_after_it()
    {
        var delay = TimeSpan.FromMilliseconds(500);
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = delay });
        using var client = FleetHttp.Tcp(server);

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, (await client.PutUnitAsync("hello.service", "launched", Options)).Status);
        var early = await StatesAsync(client);
        var unit = (await client.GetAsync("fleet/v1/units/hello.service")).Body!;
        // The agents' timer started after the PUT was sent, so anything read within the delay
        // of sending it was answered before they acted.
        if (clock.Elapsed < delay)
        {
            Assert.Empty(early);
            Assert.Equal("inactive", unit["currentState"]!.GetValue<string>());
        }

        await Eventually.PollAsync(() => StatesAsync(client), states => states.Count == 1, "the unit's state");
        await AssertStateAsync(client, await AssertUnitAsync(client, "launched", "launched"), "active", "running");
    }

    [Fact]
    public async Task Waiting_for_the_cluster_to_settle_sees_every_change_made_before()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.FromMilliseconds(50) });
        using var client = FleetHttp.Tcp(server);

        await client.PutUnitAsync("hello.service", "loaded", Options);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await server.Cluster.WaitUntilSettledAsync(deadline.Token);

        await AssertStateAsync(client, await AssertUnitAsync(client, "loaded", "loaded"), "inactive", "dead");
    }

    [Fact]
    public async Task With_an_infinite_delay_nothing_moves_until_settle()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = Timeout.InfiniteTimeSpan });
        using var client = FleetHttp.Tcp(server);

        await client.PutUnitAsync("hello.service", "launched", Options);
        Assert.Empty(await StatesAsync(client));
        Assert.False(server.Cluster.WaitUntilSettledAsync(CancellationToken.None).IsCompleted);

        server.Cluster.Settle();

        Assert.True(server.Cluster.WaitUntilSettledAsync(CancellationToken.None).IsCompleted);
        await AssertStateAsync(client, await AssertUnitAsync(client, "launched", "launched"), "active", "running");
    }

    // Returns the machine the unit shows, checking both of its states.
    private static async Task<string?> AssertUnitAsync(FleetHttp client, string desired, string current)
    {
        var (status, unit) = await client.GetAsync("fleet/v1/units/hello.service");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(desired, unit!["desiredState"]!.GetValue<string>());
        Assert.Equal(current, unit["currentState"]!.GetValue<string>());
        var machine = unit["machineID"]?.GetValue<string>();
        if (current != "inactive") Assert.Contains(machine, Fleet.Simulator.Cluster.ReferenceCluster.Machines.Select(m => m.Id));
        return machine;
    }

    private static async Task AssertStateAsync(FleetHttp client, string? machine, string active, string sub)
    {
        var state = Assert.Single(await StatesAsync(client));
        Assert.Equal("hello.service", state["name"]!.GetValue<string>());
        Assert.Equal(machine, state["machineID"]!.GetValue<string>());
        Assert.Equal(Hash, state["hash"]!.GetValue<string>());
        Assert.Equal("loaded", state["systemdLoadState"]!.GetValue<string>());
        Assert.Equal(active, state["systemdActiveState"]!.GetValue<string>());
        Assert.Equal(sub, state["systemdSubState"]!.GetValue<string>());
    }

    private static async Task<List<JsonNode>> StatesAsync(FleetHttp client) => (await client.ListAllAsync("fleet/v1/state", "states")).Items;
}
