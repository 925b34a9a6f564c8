using Fleet.Core;
using Fleet.Facade;
using Fleet.Transport.Api;
using Fleet.Unit;

namespace Fleet.Conformance.Tests.Facade;

/// <summary>The C# facade against the same fleet: values where the functional client has Right, fleet's refusals as exceptions.</summary>
[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class FacadeTests(TargetFleet fleet) : IAsyncLifetime
{
    private FleetApiClient client = null!;

    public async Task InitializeAsync() => client = await FleetApiClient.ConnectAsync(fleet.Endpoint, fleet.Options);

    public async Task DisposeAsync() => await client.DisposeAsync();

    [Fact]
    public async Task A_unit_is_created_launched_stopped_listed_and_destroyed()
    {
        await using var units = fleet.NewUnits();
        var name = units.Name("facade");
        var wait = new UnitWaitOptions { Timeout = fleet.Patience };

        var created = await client.CreateUnitAsync(name, Sleepers.Plain, DesiredState.Launched);
        var launched = await client.WaitForUnitAsync(name, DesiredState.Launched, wait);
        var state = await client.GetUnitStateAsync(name);
        await client.SetDesiredStateAsync(created, DesiredState.Loaded);
        var loaded = await client.WaitForUnitAsync(name, DesiredState.Loaded, wait);
        var listed = await client.ListUnitsAsync();
        await client.DestroyUnitAsync(name);
        var gone = await Assert.ThrowsAsync<FleetApiException>(() => client.GetUnitAsync(name));

        Assert.Equal(UnitFile.FromOptions(Sleepers.Plain), created.File);
        Assert.Equal((launched.MachineId, "running"), (state.MachineId, state.SystemdSubState));
        Assert.Equal(DesiredState.Loaded, loaded.CurrentState);
        Assert.Equal(DesiredState.Loaded, listed.Single(u => u.Name == name).DesiredState);
        Assert.Equal((404, "unit does not exist"), (gone.Code, gone.FleetMessage));
    }

    [Fact]
    public async Task Fleets_refusals_are_exceptions_with_its_code_and_message()
    {
        await using var units = fleet.NewUnits();
        var template = units.Template("facade");
        await client.CreateUnitAsync(template, Sleepers.Plain, DesiredState.Inactive);

        var activate = await Assert.ThrowsAsync<FleetApiException>(() => client.SetDesiredStateAsync(template, DesiredState.Launched));
        var unknown = await Assert.ThrowsAsync<FleetApiException>(() => client.SetDesiredStateAsync(units.Name("ghost"), DesiredState.Launched));

        Assert.Equal((400, $"cannot activate template \"{template}\""), (activate.Code, activate.FleetMessage));
        Assert.Equal((409, "unit does not exist and options field empty"), (unknown.Code, unknown.FleetMessage));
    }

    [Fact]
    public async Task Ensure_creates_once_and_then_finds_nothing_to_change()
    {
        await using var units = fleet.NewUnits();
        var name = units.Name("ensured");
        var file = UnitFile.FromOptions(Sleepers.Plain);

        var first = await client.EnsureUnitAsync(name, file, DesiredState.Loaded);
        var second = await client.EnsureUnitAsync(name, file, DesiredState.Loaded);
        var absent = await client.EnsureUnitAbsentAsync(name);

        Assert.Equal((UnitChange.Created, UnitChange.Unchanged, UnitChange.Destroyed), (first.Change, second.Change, absent.Change));
    }
}
