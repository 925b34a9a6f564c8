using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;
using static Fleet.Facade.Tests.Units;

namespace Fleet.Facade.Tests;

public sealed class ListAndStateTests
{
    private static readonly string Web = ReferenceCluster.Machines[0].Id;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Unit_states_are_listed_whole_and_filtered_as_a_stream_and_collected(bool unix)
    {
        await using var scope = await FacadeScope.StartAsync(unix);
        foreach (var name in new[] { "a.service", "b.service", "c.service", "d.service" }) await scope.Client.CreateUnitAsync(name, Exec, DesiredState.Launched);

        var all = new List<UnitState>();
        await foreach (var state in scope.Client.ListUnitStates()) all.Add(state);
        var onWeb = await scope.Client.ListUnitStatesAsync(machineId: Web);
        var ofB = new List<UnitState>();
        await foreach (var state in scope.Client.ListUnitStates(unitName: "b.service")) ofB.Add(state);
        var both = await scope.Client.ListUnitStatesAsync(Web, "b.service");

        Assert.Equal(["a.service", "b.service", "c.service", "d.service"], all.Select(s => s.Name));
        Assert.All(all, s => Assert.Equal((UnitFile.FromOptions(Exec).Hash, "active", "running"), (s.Hash, s.SystemdActiveState, s.SystemdSubState)));
        Assert.Equal(all, await scope.Client.ListUnitStatesAsync());
        Assert.Equal(["a.service", "d.service"], onWeb.Select(s => s.Name));
        Assert.Equal(ReferenceCluster.Machines[1].Id, Assert.Single(ofB).MachineId);
        Assert.Empty(both);
    }

    [Fact]
    public async Task One_units_state_is_read()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        await scope.Client.CreateUnitAsync("up.service", Exec, DesiredState.Loaded);

        var up = await scope.Client.GetUnitStateAsync("up.service");

        Assert.Equal(("up.service", "loaded", "inactive", "dead"), (up.Name, up.SystemdLoadState, up.SystemdActiveState, up.SystemdSubState));
    }

    [Fact]
    public async Task A_unit_without_a_state_is_fleets_hang_up_as_a_connection_exception_that_says_so()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        await scope.Client.CreateUnitAsync("down.service", Exec, DesiredState.Inactive);

        var e = await Assert.ThrowsAsync<FleetConnectionException>(() => scope.Client.GetUnitStateAsync("down.service"));

        Assert.Equal("unit \"down.service\" has no state: fleet v1.0.0 closes the connection instead of answering when a unit has none", e.Message);
        Assert.Equal(ErrorKind.Transport, e.Error.Kind);
        Assert.Single(await scope.Client.ListUnitsAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Machines_are_listed_as_a_stream_and_collected(bool unix)
    {
        await using var scope = await FacadeScope.StartAsync(unix);

        var streamed = new List<Machine>();
        await foreach (var machine in scope.Client.ListMachines()) streamed.Add(machine);

        Assert.Equal(ReferenceCluster.Machines.Take(3).Select(m => m.Id).Order(StringComparer.Ordinal), streamed.Select(m => m.Id));
        Assert.Equal(streamed, await scope.Client.ListMachinesAsync());
    }

    [Fact]
    public async Task Metadata_edits_go_as_one_patch_and_show_in_the_machine_list()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);

        await scope.Client.EditMachineMetadataAsync(
        [
            MetadataEdit.Add(Web, "rack", "r1"),
            MetadataEdit.Replace(Web, "role", "api"),
            MetadataEdit.Remove(Web, "disk"),
        ]);

        var web = (await scope.Client.ListMachinesAsync()).Single(m => m.Id == Web);
        Assert.Equal(new Dictionary<string, string> { ["rack"] = "r1", ["region"] = "us-east", ["role"] = "api" }, web.Metadata.OrderBy(p => p.Key).ToDictionary());
    }

    [Fact]
    public async Task Cancelling_a_list_is_cancellation_not_a_fleet_exception()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        scope.Server.Faults.Latency = TimeSpan.FromMinutes(1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in scope.Client.ListMachines().WithCancellation(cancel.Token))
            {
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scope.Client.ListUnitsAsync(new CancellationToken(canceled: true)));
        scope.Server.Faults.Latency = TimeSpan.Zero;
    }
}
