using Fleet.Core;
using Fleet.Facade;
using Fleet.UnitFiles;

namespace Fleet.Conformance.Tests.Facade;

/// <summary>The C# facade against the same fleet: values where the functional client has Right, fleet's refusals as exceptions.</summary>
[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class FacadeTests(TargetFleet fleet) : IAsyncLifetime
{
    private FleetApiClient? connected;

    private FleetApiClient Client => connected!;

    public async Task InitializeAsync() => connected = await FleetApiClient.ConnectAsync(fleet.Endpoint, fleet.Options);

    public async Task DisposeAsync()
    {
        if (connected is not null) await connected.DisposeAsync();
    }

    [Fact]
    public async Task A_unit_is_created_launched_stopped_listed_and_destroyed()
    {
        await using var units = fleet.NewUnits();
        var name = units.Name("facade");
        var wait = new UnitWaitOptions { Timeout = fleet.Patience };

        var created = await Client.CreateUnitAsync(name, Sleepers.Plain, DesiredState.Launched);
        var launched = await Client.WaitForUnitAsync(name, DesiredState.Launched, wait);
        var state = await Client.GetUnitStateAsync(name);
        await Client.SetDesiredStateAsync(created, DesiredState.Loaded);
        var loaded = await Client.WaitForUnitAsync(name, DesiredState.Loaded, wait);
        var listed = await Client.ListUnitsAsync();
        await Client.DestroyUnitAsync(name);
        var gone = await Assert.ThrowsAsync<FleetApiException>(() => Client.GetUnitAsync(name));

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
        await Client.CreateUnitAsync(template, Sleepers.Plain, DesiredState.Inactive);

        var activate = await Assert.ThrowsAsync<FleetApiException>(() => Client.SetDesiredStateAsync(template, DesiredState.Launched));
        var unknown = await Assert.ThrowsAsync<FleetApiException>(() => Client.SetDesiredStateAsync(units.Name("ghost"), DesiredState.Launched));

        Assert.Equal((400, $"cannot activate template \"{template}\""), (activate.Code, activate.FleetMessage));
        Assert.Equal((409, "unit does not exist and options field empty"), (unknown.Code, unknown.FleetMessage));
    }

    [Fact]
    public async Task Ensure_creates_once_and_then_finds_nothing_to_change()
    {
        await using var units = fleet.NewUnits();
        var name = units.Name("ensured");
        var file = UnitFile.FromOptions(Sleepers.Plain);

        var first = await Client.EnsureUnitAsync(name, file, DesiredState.Loaded);
        var second = await Client.EnsureUnitAsync(name, file, DesiredState.Loaded);
        var absent = await Client.EnsureUnitAbsentAsync(name);

        Assert.Equal((UnitChange.Created, UnitChange.Unchanged, UnitChange.Destroyed), (first.Change, second.Change, absent.Change));
    }
}
