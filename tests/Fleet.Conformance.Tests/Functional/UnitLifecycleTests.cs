using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Conformance.Tests.Functional;

/// <summary>Create, read, list, replace and destroy, with fleet's answers to each.</summary>
[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class UnitLifecycleTests(TargetFleet fleet)
{
    private const string HelloText = "[Unit]\nDescription=fleet-dotnet conformance hello\n\n[Service]\nExecStart=/bin/sleep 1d\n";

    [Fact]
    public async Task A_unit_file_is_created_read_listed_and_destroyed_with_its_options_exactly()
    {
        await using var units = fleet.NewUnits();
        var name = units.Name("hello");
        var file = UnitFile.Parse(HelloText).Right();

        (await fleet.Client.CreateUnitAsync(name, file, DesiredState.Inactive)).Right();
        var read = (await fleet.Client.GetUnitAsync(name)).Right();
        var listed = (await fleet.Client.ListUnitsAsync()).Right().Single(u => u.Name == name);
        (await fleet.Client.DestroyUnitAsync(name)).Right();
        var gone = (await fleet.Client.GetUnitAsync(name)).Left();

        Assert.Equal(file.Options, read.Options);
        Assert.Equal(file.Hash, UnitFile.FromOptions(read.Options).Hash);
        // Never scheduled: no machine, and fleet calls its current state inactive.
        Assert.Equal((DesiredState.Inactive, DesiredState.Inactive, (string?)null), (read.DesiredState, read.CurrentState, read.MachineId));
        Assert.Equal(read, listed);
        Assert.Equal((ErrorKind.Http, 404, "unit does not exist"), (gone.Kind, gone.Code, gone.Message));
    }

    [Fact]
    public async Task Creating_again_with_the_same_content_changes_nothing_and_with_other_content_replaces_it()
    {
        await using var units = fleet.NewUnits();
        var name = units.Name("replaced");
        var other = Sleepers.With(new UnitOption("Service", "Environment", "CONFORMANCE=replaced"));

        (await fleet.Client.CreateUnitAsync(name, Sleepers.Plain, DesiredState.Loaded)).Right();
        (await fleet.Client.CreateUnitAsync(name, Sleepers.Plain, DesiredState.Loaded)).Right();
        var same = (await fleet.Client.GetUnitAsync(name)).Right();
        (await fleet.Client.CreateUnitAsync(name, other, DesiredState.Loaded)).Right();
        var replaced = (await fleet.Client.GetUnitAsync(name)).Right();

        Assert.Equal(Sleepers.Plain, same.Options);
        Assert.Equal(other, replaced.Options);
        Assert.Equal(DesiredState.Loaded, replaced.DesiredState);
        // The new content is what the agent loads: its state carries the new hash.
        var state = await Eventually.ReadAsync(fleet, $"{name} loaded with its new content",
            async () => (await fleet.Client.ListUnitStatesAsync(unitName: name)).Right(),
            states => states.Count == 1 && states[0].Hash == UnitFile.FromOptions(other).Hash);
        Assert.Equal((await fleet.Client.GetUnitAsync(name)).Right().MachineId, state[0].MachineId);
    }

    [Fact]
    public async Task A_unit_without_a_desired_state_is_created_inactive()
    {
        await using var units = fleet.NewUnits();
        var name = units.Name("no-state");

        (await fleet.Client.CreateUnitAsync(name, UnitFile.FromOptions(Sleepers.Plain))).Right();

        Assert.Equal(DesiredState.Inactive, (await fleet.Client.GetUnitAsync(name)).Right().DesiredState);
    }

    [Fact]
    public async Task Fleet_answers_404_409_and_400_with_its_own_messages()
    {
        await using var units = fleet.NewUnits();
        var ghost = units.Name("ghost");
        var template = units.Template("never-active");
        (await fleet.Client.CreateUnitAsync(template, Sleepers.Plain, DesiredState.Inactive)).Right();

        var get = (await fleet.Client.GetUnitAsync(ghost)).Left();
        var destroy = (await fleet.Client.DestroyUnitAsync(ghost)).Left();
        var setState = (await fleet.Client.SetDesiredStateAsync(ghost, DesiredState.Launched)).Left();
        var activate = (await fleet.Client.SetDesiredStateAsync(template, DesiredState.Launched)).Left();

        Assert.Equal((ErrorKind.Http, 404, "unit does not exist"), (get.Kind, get.Code, get.Message));
        Assert.Equal((ErrorKind.Http, 404, "unit does not exist"), (destroy.Kind, destroy.Code, destroy.Message));
        Assert.Equal((ErrorKind.Http, 409, "unit does not exist and options field empty"), (setState.Kind, setState.Code, setState.Message));
        Assert.Equal((ErrorKind.Http, 400, $"cannot activate template \"{template}\""), (activate.Kind, activate.Code, activate.Message));
    }
}
