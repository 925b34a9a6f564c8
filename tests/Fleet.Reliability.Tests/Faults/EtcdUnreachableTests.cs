using Fleet.Core;
using Fleet.Facade;
using Fleet.Simulator;

namespace Fleet.Reliability.Tests.Faults;

/// <summary>
/// fleet that cannot reach etcd answers 503 to everything: connecting says so, every operation
/// of a connected client says so in fleet's words, nothing is changed, and the same client works
/// again the moment fleet does.
/// </summary>
public sealed class EtcdUnreachableTests
{
    private const string Message = "fleet server unable to communicate with etcd";
    private static readonly UnitOption[] Options = [new("Service", "ExecStart", "/bin/true")];

    [Fact]
    public async Task Connecting_to_fleet_without_etcd_is_fleets_503()
    {
        await using var server = await FleetServer.StartAsync();
        server.Faults.EtcdUnreachable = true;

        var error = (await FleetClient.ConnectAsync(server.Endpoint)).Left();
        var thrown = await Assert.ThrowsAsync<FleetApiException>(() => FleetApiClient.ConnectAsync(server.Endpoint));

        Assert.Equal((ErrorKind.Http, 503, Message), (error.Kind, error.Code, error.Message));
        Assert.Equal((503, Message), (thrown.Code, thrown.FleetMessage));
    }

    [Fact]
    public async Task Every_operation_is_fleets_503_nothing_changes_and_the_same_client_recovers()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        await using var client = await Clients.ConnectAsync(server.Endpoint);
        (await client.CreateUnitAsync("kept.service", Options, DesiredState.Launched)).Right();
        var machineBefore = (await client.ListMachinesAsync()).Right()[0];
        var machine = machineBefore.Id;

        server.Faults.EtcdUnreachable = true;
        var errors = new[]
        {
            (await client.GetUnitAsync("kept.service")).Left(),
            (await client.ListUnitsAsync()).Left(),
            (await client.ListUnitStatesAsync()).Left(),
            (await client.ListMachinesAsync()).Left(),
            (await client.CreateUnitAsync("new.service", Options, DesiredState.Launched)).Left(),
            (await client.SetDesiredStateAsync("kept.service", DesiredState.Inactive)).Left(),
            (await client.DestroyUnitAsync("kept.service")).Left(),
            (await client.EditMachineMetadataAsync([MetadataEdit.Add(machine, "role", "db")])).Left(),
        };
        var facade = new FleetApiClient(client);
        var thrown = await Assert.ThrowsAsync<FleetApiException>(() => facade.GetUnitAsync("kept.service"));
        server.Faults.EtcdUnreachable = false;

        Assert.All(errors, error => Assert.Equal((ErrorKind.Http, 503, Message), (error.Kind, error.Code, error.Message)));
        Assert.Equal(503, thrown.Code);
        var units = (await client.ListUnitsAsync()).Right();
        Assert.Equal(["kept.service"], units.Select(u => u.Name));
        Assert.Equal(DesiredState.Launched, units[0].DesiredState);
        Assert.Equal(machineBefore, (await client.ListMachinesAsync()).Right().Single(m => m.Id == machine));
    }
}
