using System.Net;
using System.Text.Json.Nodes;
using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Simulator.Tests.Server;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_puts_of_the_same_unit_leave_one_unit_with_that_content()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        using var client = FleetHttp.Tcp(server);

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => client.PutUnitAsync("same.service", "launched", ("Service", "ExecStart", "/bin/true"))));

        // fleet creates when the unit is absent (201) and sets the desired state when the same content exists (204).
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.Created, HttpStatusCode.NoContent }));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.Created);
        var unit = Assert.Single((await client.ListAllAsync("fleet/v1/units", "units")).Items);
        Assert.Equal("launched", unit["currentState"]!.GetValue<string>());
        Assert.Single((await client.ListAllAsync("fleet/v1/state", "states")).Items);
    }

    [Fact]
    public async Task Concurrent_puts_of_different_contents_leave_one_whole_version_not_a_mix()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        using var client = FleetHttp.Tcp(server);
        string[] states = ["inactive", "loaded", "launched"];
        var versions = Enumerable.Range(0, 48).Select(i => (State: states[i % 3], Command: $"/bin/echo {i}")).ToList();

        var answers = await Task.WhenAll(versions.Select(v => client.PutUnitAsync("racy.service", v.State, ("Service", "ExecStart", v.Command))));

        // Every version differs from whatever is stored, so each replaces it.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        var unit = (await client.GetAsync("fleet/v1/units/racy.service")).Body!;
        var command = Assert.Single(unit["options"]!.AsArray())!["value"]!.GetValue<string>();
        var winner = Assert.Single(versions, v => v.Command == command);
        Assert.Equal(winner.State, unit["desiredState"]!.GetValue<string>());
        var published = (await client.ListAllAsync("fleet/v1/state", "states")).Items;
        if (winner.State == "inactive")
        {
            Assert.Empty(published);
        }
        else
        {
            var hash = UnitFile.FromOptions([new UnitOption("Service", "ExecStart", command)]).Hash;
            Assert.Equal(hash, Assert.Single(published)["hash"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Many_callers_creating_distinct_units_lose_none()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.FromMilliseconds(5) });
        using var client = FleetHttp.Tcp(server);
        var names = Enumerable.Range(0, 160).Select(i => $"many-{i:D3}.service").ToList();

        var answers = await Task.WhenAll(names.Select(name => client.PutUnitAsync(name, "launched", ("Service", "ExecStart", "/bin/true"))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Equal(names, (await client.ListAllAsync("fleet/v1/units", "units")).Items.Select(u => u["name"]!.GetValue<string>()));
        var states = await Eventually.PollAsync(() => States(client), s => s.Count == names.Count, "every unit's state");
        // Least-loaded placement spreads equal units evenly over the three machines.
        Assert.Equal([53, 53, 54], states.GroupBy(s => s["machineID"]!.GetValue<string>()).Select(g => g.Count()).Order());
    }

    private static async Task<List<JsonNode>> States(FleetHttp client) => (await client.ListAllAsync("fleet/v1/state", "states")).Items;
}
