using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Conformance.Tests.Functional;

/// <summary>A unit taken through every desired state and back, each waited for as an agent reports it.</summary>
[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class DesiredStateTests(TargetFleet fleet)
{
    [Fact]
    public async Task A_unit_goes_inactive_loaded_launched_loaded_inactive_and_systemd_reports_each()
    {
        await using var units = fleet.NewUnits();
        var name = units.Name("stepper");
        var hash = UnitFile.FromOptions(Sleepers.Plain).Hash;
        var wait = new UnitWaitOptions { Timeout = fleet.Patience };
        (await fleet.Client.CreateUnitAsync(name, Sleepers.Plain, DesiredState.Inactive)).Right();

        (await fleet.Client.SetDesiredStateAsync(name, DesiredState.Loaded)).Right();
        var loaded = (await fleet.Client.WaitForUnitAsync(name, DesiredState.Loaded, wait)).Right();
        var loadedState = (await fleet.Client.GetUnitStateAsync(name)).Right();

        (await fleet.Client.SetDesiredStateAsync(name, DesiredState.Launched)).Right();
        var launched = (await fleet.Client.WaitForUnitAsync(name, DesiredState.Launched, wait)).Right();
        var launchedState = (await fleet.Client.GetUnitStateAsync(name)).Right();

        (await fleet.Client.SetDesiredStateAsync(name, DesiredState.Loaded)).Right();
        var stopped = await Eventually.ReadAsync(fleet, $"{name} loaded and stopped again",
            async () => (await fleet.Client.ListUnitStatesAsync(unitName: name)).Right(),
            states => states is [{ SystemdActiveState: "inactive" }]);

        (await fleet.Client.SetDesiredStateAsync(name, DesiredState.Inactive)).Right();
        var unloaded = await Eventually.ReadAsync(fleet, $"{name} unscheduled",
            async () => (await fleet.Client.GetUnitAsync(name)).Right(),
            unit => unit.MachineId is null);
        await Eventually.HoldsAsync(fleet, $"the state of {name} gone", async () =>
        {
            var states = (await fleet.Client.ListUnitStatesAsync(unitName: name)).Right();
            return (states.Count == 0, string.Join(", ", states));
        });

        Assert.Equal((DesiredState.Loaded, DesiredState.Loaded), (loaded.DesiredState, loaded.CurrentState));
        Assert.NotNull(loaded.MachineId);
        Assert.Equal((name, hash, loaded.MachineId, "loaded", "inactive", "dead"),
            (loadedState.Name, loadedState.Hash, loadedState.MachineId, loadedState.SystemdLoadState, loadedState.SystemdActiveState, loadedState.SystemdSubState));
        Assert.Equal((DesiredState.Launched, DesiredState.Launched), (launched.DesiredState, launched.CurrentState));
        Assert.Equal(("loaded", "active", "running"), (launchedState.SystemdLoadState, launchedState.SystemdActiveState, launchedState.SystemdSubState));
        Assert.Equal(hash, launchedState.Hash);
        Assert.Equal(("loaded", "dead"), (stopped[0].SystemdLoadState, stopped[0].SystemdSubState));
        Assert.Equal((DesiredState.Inactive, DesiredState.Inactive), (unloaded.DesiredState, unloaded.CurrentState));
    }

    [Fact]
    public async Task A_unit_without_a_state_has_fleets_hang_up_for_an_answer_and_no_place_in_the_state_list()
    {
        await using var units = fleet.NewUnits();
        var name = units.Name("stateless");
        (await fleet.Client.CreateUnitAsync(name, Sleepers.Plain, DesiredState.Inactive)).Right();

        var error = (await fleet.Client.GetUnitStateAsync(name)).Left();
        var listed = (await fleet.Client.ListUnitStatesAsync(unitName: name)).Right();

        if (fleet.Options.Transport.Connector is not null && fleet.Endpoint.Kind != EndpointKind.UnixSocket)
        {
            // Through SSH.NET's direct-tcpip forward, a channel fleet closes at once cannot be told
            // from one the SSH server refused; the client says both.
            Assert.Equal(ErrorKind.Ssh, error.Kind);
            Assert.EndsWith("or fleet hung up at once", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(
                (ErrorKind.Transport, $"unit \"{name}\" has no state: fleet v1.0.0 closes the connection instead of answering when a unit has none"),
                (error.Kind, error.Message));
        }
        Assert.Empty(listed);
        // The client goes on after fleet hung up on it.
        Assert.Equal(DesiredState.Inactive, (await fleet.Client.GetUnitAsync(name)).Right().DesiredState);
    }
}
