using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Transport.Tests.Api;

/// <summary>Creating a unit without a desired state, as fleetctl does: fleet then never moves a unit it holds.</summary>
public sealed class StatelessCreationTests
{
    private static readonly UnitFile Exec = UnitFile.FromOptions([new UnitOption("Service", "ExecStart", "/bin/true")]);
    private static readonly UnitFile Other = UnitFile.FromOptions([new UnitOption("Service", "ExecStart", "/bin/false")]);

    [Fact]
    public async Task A_new_unit_is_inactive()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        (await scope.Client.CreateUnitAsync("new.service", Exec)).Right();

        Assert.Equal(DesiredState.Inactive, (await scope.Client.GetUnitAsync("new.service")).Right().DesiredState);
    }

    [Fact]
    public async Task The_same_content_again_is_fleets_409_and_leaves_the_unit_running()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("run.service", Exec, DesiredState.Launched)).Right();

        var error = (await scope.Client.CreateUnitAsync("run.service", Exec)).Left();

        Assert.Equal((ErrorKind.Http, 409, "must provide DesiredState to update existing unit"), (error.Kind, error.Code, error.Message));
        Assert.Equal(DesiredState.Launched, (await scope.Client.GetUnitAsync("run.service")).Right().DesiredState);
    }

    [Fact]
    public async Task Other_content_replaces_the_unit_which_fleet_then_holds_inactive()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);
        (await scope.Client.CreateUnitAsync("run.service", Exec, DesiredState.Launched)).Right();

        (await scope.Client.CreateUnitAsync("run.service", Other)).Right();

        var unit = (await scope.Client.GetUnitAsync("run.service")).Right();
        Assert.Equal((Other.Options, DesiredState.Inactive), (unit.Options, unit.DesiredState));
    }

    [Fact]
    public async Task A_file_without_options_reaches_fleet_which_refuses_it()
    {
        await using var scope = await ClientScope.StartAsync(unix: true);

        var error = (await scope.Client.CreateUnitAsync("empty.service", UnitFile.Empty)).Left();

        Assert.Equal((ErrorKind.Http, 409, "unit does not exist and options field empty"), (error.Kind, error.Code, error.Message));
    }
}
