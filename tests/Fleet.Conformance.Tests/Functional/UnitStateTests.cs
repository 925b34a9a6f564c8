using System.Net;
using Fleet.Core;

namespace Fleet.Conformance.Tests.Functional;

/// <summary>The state list and its two filters, by machine and by unit, and the machines they name.</summary>
[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class UnitStateTests(TargetFleet fleet)
{
    [Fact]
    public async Task States_filter_by_machine_by_unit_and_by_both()
    {
        await using var units = fleet.NewUnits();
        var machines = await fleet.MachinesAsync();
        var (first, second) = (units.Name("first"), units.Name("second"));
        // Pinned apart, so that each filter has something to leave out.
        (await fleet.Client.CreateUnitAsync(first, Sleepers.With(Sleepers.Fleet("MachineID", machines[0].Id)), DesiredState.Launched)).Right();
        (await fleet.Client.CreateUnitAsync(second, Sleepers.With(Sleepers.Fleet("MachineID", machines[^1].Id)), DesiredState.Launched)).Right();
        foreach (var name in new[] { first, second })
        {
            (await fleet.Client.WaitForUnitAsync(name, DesiredState.Launched, new UnitWaitOptions { Timeout = fleet.Patience })).Right();
        }

        var ofFirst = (await fleet.Client.ListUnitStatesAsync(unitName: first)).Right();
        var onFirstMachine = (await fleet.Client.ListUnitStatesAsync(machineId: machines[0].Id)).Right().Where(s => units.Owns(s.Name));
        var both = (await fleet.Client.ListUnitStatesAsync(machineId: machines[^1].Id, unitName: second)).Right();
        var neither = (await fleet.Client.ListUnitStatesAsync(machineId: machines[0].Id, unitName: second)).Right();
        var one = (await fleet.Client.GetUnitStateAsync(second)).Right();

        Assert.Equal(machines[0].Id, Assert.Single(ofFirst).MachineId);
        Assert.Equal([first], onFirstMachine.Select(s => s.Name));
        Assert.Equal(machines[^1].Id, Assert.Single(both).MachineId);
        Assert.Empty(neither);
        Assert.Equal(Assert.Single(both), one);
    }

    [Fact]
    public async Task Every_machine_has_an_id_and_an_address_and_its_metadata_is_a_map()
    {
        var machines = (await fleet.Client.ListMachinesAsync()).Right();
        var streamed = new List<Machine>();
        await foreach (var machine in fleet.Client.ListMachines()) streamed.Add(machine.Right());

        Assert.NotEmpty(machines);
        Assert.Equal(machines, streamed);
        Assert.Equal(machines.Count, machines.Select(m => m.Id).Distinct().Count());
        Assert.All(machines, m => Assert.Matches("^[0-9a-f]{32}$", m.Id));
        Assert.All(machines, m => Assert.True(IPAddress.TryParse(m.PrimaryIp, out _), $"{m.Id} has primaryIP {m.PrimaryIp}"));
        Assert.All(machines, m => Assert.All(m.Metadata, pair => Assert.NotEmpty(pair.Key)));
    }
}
