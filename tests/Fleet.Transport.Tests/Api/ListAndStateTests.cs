using Fleet.Core;
using Fleet.Simulator;
using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;

namespace Fleet.Transport.Tests.Api;

public sealed class ListAndStateTests
{
    private static readonly UnitOption[] Exec = [new("Service", "ExecStart", "/bin/true")];
    private static readonly string Web = ReferenceCluster.Machines[0].Id;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Lists_stream_every_page_of_250_units_and_their_states(bool unix)
    {
        await using var scope = await ClientScope.StartAsync(unix);
        var names = Enumerable.Range(0, 250).Select(i => $"unit-{i:D3}.service").ToList();
        foreach (var batch in names.Chunk(50))
        {
            await Task.WhenAll(batch.Select(async name => (await scope.Client.CreateUnitAsync(name, Exec, DesiredState.Launched)).Right()));
        }

        var streamed = new List<string>();
        await foreach (var unit in scope.Client.ListUnits()) streamed.Add(unit.Right().Name);
        var states = (await scope.Client.ListUnitStatesAsync()).Right();

        Assert.Equal(names, streamed);
        Assert.Equal(names, states.Select(s => s.Name));
        Assert.All(states, s => Assert.Equal(("loaded", "active", "running"), (s.SystemdLoadState, s.SystemdActiveState, s.SystemdSubState)));
        Assert.Equal(UnitFile.FromOptions(Exec).Hash, states[0].Hash);
    }

    [Fact]
    public async Task State_filters_pick_a_machine_a_unit_or_both()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        foreach (var name in new[] { "a.service", "b.service", "c.service", "d.service" }) (await scope.Client.CreateUnitAsync(name, Exec, DesiredState.Launched)).Right();

        var onWeb = (await scope.Client.ListUnitStatesAsync(machineId: Web)).Right();
        var ofB = (await scope.Client.ListUnitStatesAsync(unitName: "b.service")).Right();
        var both = (await scope.Client.ListUnitStatesAsync(machineId: Web, unitName: "b.service")).Right();

        // Least loaded, ties to the lower id: a and d land on the first machine.
        Assert.Equal(["a.service", "d.service"], onWeb.Select(s => s.Name));
        Assert.Equal(ReferenceCluster.Machines[1].Id, Assert.Single(ofB).MachineId);
        Assert.Empty(both);
    }

    [Fact]
    public async Task One_units_state_and_fleets_hang_up_for_a_unit_without_one()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("up.service", Exec, DesiredState.Loaded)).Right();
        (await scope.Client.CreateUnitAsync("down.service", Exec, DesiredState.Inactive)).Right();

        var up = (await scope.Client.GetUnitStateAsync("up.service")).Right();
        var down = (await scope.Client.GetUnitStateAsync("down.service")).Left();

        Assert.Equal(("up.service", "inactive", "dead"), (up.Name, up.SystemdActiveState, up.SystemdSubState));
        Assert.Equal(ErrorKind.Transport, down.Kind);
        Assert.Equal("unit \"down.service\" has no state: fleet v1.0.0 closes the connection instead of answering when a unit has none", down.Message);
        // The client is still usable after fleet hung up on it.
        Assert.Equal(2, (await scope.Client.ListUnitsAsync()).Right().Count);
    }

    [Fact]
    public async Task A_failure_part_way_through_a_list_is_its_last_element()
    {
        var page = "{\"units\":[{\"name\":\"a.service\",\"desiredState\":\"launched\"}],\"nextPageToken\":\"bogus\"}";
        var refused = "{\"error\":{\"code\":400,\"message\":\"illegal base64 data at input byte 4\"}}\n";
        await using var server = new ScriptedServer(
            [
                Answer(200, "{\"id\":\"fleet:v1\"}"),
                Answer(200, page),
                Answer(400, refused),
                Answer(200, page),
                Answer(400, refused),
            ],
            closeAfter: false);
        await using var client = (await FleetClient.ConnectAsync($"http://127.0.0.1:{server.Port}")).Right();

        var items = new List<LanguageExt.Either<APIError, FleetUnit>>();
        await foreach (var item in client.ListUnits()) items.Add(item);

        Assert.Equal(2, items.Count);
        Assert.Equal("a.service", items[0].Right().Name);
        Assert.Equal((400, "illegal base64 data at input byte 4"), (items[1].Left().Code, items[1].Left().Message));
        Assert.EndsWith("GET /fleet/v1/units?nextPageToken=bogus HTTP/1.1", server.Requests[2].Split("\r\n")[0], StringComparison.Ordinal);
        Assert.Equal(400, (await client.ListUnits().CollectAsync()).Left().Code);
    }

    [Fact]
    public async Task A_server_that_hands_out_the_same_page_token_again_ends_the_list()
    {
        var page = "{\"units\":[{\"name\":\"a.service\"}],\"nextPageToken\":\"ZAACAA==\"}";
        await using var server = new ScriptedServer([Answer(200, "{\"id\":\"fleet:v1\"}"), Answer(200, page), Answer(200, page)], closeAfter: false);
        await using var client = (await FleetClient.ConnectAsync($"http://127.0.0.1:{server.Port}")).Right();

        var error = (await client.ListUnitsAsync()).Left();

        Assert.Equal(ErrorKind.Protocol, error.Kind);
        Assert.Contains("ZAACAA==", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_fleets_json_is_a_decoding_error_naming_the_request()
    {
        await using var server = new ScriptedServer([Answer(200, "{\"id\":\"fleet:v1\"}"), Answer(200, "{\"name\":42}")], closeAfter: false);
        await using var client = (await FleetClient.ConnectAsync($"http://127.0.0.1:{server.Port}")).Right();

        var error = (await client.GetUnitAsync("hello.service")).Left();

        Assert.Equal(ErrorKind.Decoding, error.Kind);
        Assert.StartsWith("the answer to GET /fleet/v1/units/hello.service is not the JSON fleet sends: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("42", error.Received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_edits_go_as_one_patch_and_show_in_the_machine_list()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        (await scope.Client.EditMachineMetadataAsync(
        [
            MetadataEdit.Add(Web, "rack", "r1"),
            MetadataEdit.Replace(Web, "role", "api"),
            MetadataEdit.Remove(Web, "disk"),
        ])).Right();

        var web = (await scope.Client.ListMachinesAsync()).Right().Single(m => m.Id == Web);
        Assert.Equal(new Dictionary<string, string> { ["rack"] = "r1", ["region"] = "us-east", ["role"] = "api" }, web.Metadata.OrderBy(p => p.Key).ToDictionary());
    }

    [Theory]
    [InlineData("", "rack", "r1", "machine id \"\" cannot name a machine in a metadata path")]
    [InlineData("a/b", "rack", "r1", "machine id \"a/b\" cannot name a machine in a metadata path")]
    [InlineData("222f532fc7580e18ebfca1f8614c8086", "rack space", "r1", "metadata key \"rack space\" must be letters, digits, '_', '.' or '-' (fleet: machine metadata path invalid)")]
    [InlineData("222f532fc7580e18ebfca1f8614c8086", "rack", "", "invalid value: add and replace require a value")]
    public async Task Metadata_edits_fleet_would_refuse_are_refused_before_sending(string machine, string key, string value, string message)
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        var before = scope.Server.Cluster.Machines;

        var error = (await scope.Client.EditMachineMetadataAsync([MetadataEdit.Add(Web, "ok", "1"), MetadataEdit.Add(machine, key, value)])).Left();

        Assert.Equal((ErrorKind.Validation, message), (error.Kind, error.Message));
        Assert.Equal(before, scope.Server.Cluster.Machines);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task A_metadata_operation_outside_the_enum_is_refused_before_sending(int value)
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        var before = scope.Server.Cluster.Machines;

        var error = (await scope.Client.EditMachineMetadataAsync([MetadataEdit.Add(Web, "ok", "1"), new MetadataEdit((MetadataOperation)value, Web, "rack", "r1")])).Left();

        Assert.Equal((ErrorKind.Validation, $"metadata operation {value} is not a MetadataOperation (fleet: invalid op: expect add, remove, or replace)"), (error.Kind, error.Message));
        Assert.Equal(before, scope.Server.Cluster.Machines);
    }

    [Fact]
    public async Task Many_callers_share_one_client()
    {
        await using var scope = await ClientScope.StartAsync(unix: true, new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        var names = Enumerable.Range(0, 200).Select(i => $"shared-{i:D3}.service").ToList();

        var results = await Task.WhenAll(names.Select(async name =>
        {
            (await scope.Client.CreateUnitAsync(name, [new UnitOption("Service", "ExecStart", $"/bin/echo {name}")], DesiredState.Loaded)).Right();
            return (await scope.Client.GetUnitAsync(name)).Right();
        }));

        // Every answer belongs to its own request.
        Assert.Equal(names, results.Select(u => u.Name));
        Assert.All(results, u => Assert.Equal($"/bin/echo {u.Name}", Assert.Single(u.Options).Value));
        Assert.Equal(names, (await scope.Client.ListUnitsAsync()).Right().Select(u => u.Name));
    }

    private static byte[] Answer(int status, string json) =>
        ScriptedServer.Bytes($"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\n\r\n{json}");
}
