using Fleet.Core;
using Fleet.UnitFiles;
using static Fleet.Facade.Tests.Units;

namespace Fleet.Facade.Tests;

public sealed class ClusterUnitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fleet-facade-units-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_unit_from_text_renders_fleets_canonical_text_and_hash()
    {
        var unit = ClusterUnit.FromString("# greeting\n[Unit]\nDescription = Hello \n[Service]\nExecStart=/bin/sleep 1d\n");

        Assert.Equal(HelloText, unit.Render());
        Assert.Equal(HelloText, unit.ToString());
        Assert.Equal(Hello.Hash, unit.Hash);
        Assert.Equal(Hello.Options, unit.Options);
        Assert.Equal((null, DesiredState.Launched, null, null, false), (unit.Name, unit.DesiredState, unit.CurrentState, unit.MachineId, unit.IsFromCluster));
    }

    [Fact]
    public void Options_text_and_unit_file_build_the_same_unit()
    {
        var fromOptions = new ClusterUnit(Hello.Options, DesiredState.Loaded);
        var fromFile = new ClusterUnit(Hello, DesiredState.Loaded);
        var fromText = ClusterUnit.FromString(HelloText, DesiredState.Loaded);

        Assert.Equal(fromOptions, fromFile);
        Assert.Equal(fromFile, fromText);
        Assert.Equal(fromOptions.GetHashCode(), fromText.GetHashCode());
        Assert.NotEqual(fromText, ClusterUnit.FromString(HelloText));
    }

    [Fact]
    public void Rendered_text_parses_back_to_the_same_unit()
    {
        var unit = new ClusterUnit([
            new("Unit", "Description", "Web"),
            new("Service", "ExecStart", "/bin/sh -c \\\n  'echo hi'"),
            new("Unit", "After", "docker.service"),
            new("X-Fleet", "MachineMetadata", "\"role=web\" \"region=us\""),
        ]);

        var again = ClusterUnit.FromString(unit.Render());

        Assert.Equal(unit.Render(), again.Render());
        Assert.Equal(unit.Hash, again.Hash);
    }

    [Fact]
    public void Adding_and_removing_options_return_new_units_and_leave_the_original()
    {
        var unit = new ClusterUnit(Exec);

        var added = unit.AddOption("Unit", "Description", "Hi").AddOption(new UnitOption("Service", "Restart", "always"));
        var removed = added.RemoveOption("Service", "Restart");
        var onlyMatching = added.RemoveOption("Unit", "Description", "other");

        Assert.Equal(Exec, unit.Options);
        Assert.Equal([.. Exec, new("Unit", "Description", "Hi"), new("Service", "Restart", "always")], added.Options);
        Assert.Equal([.. Exec, new("Unit", "Description", "Hi")], removed.Options);
        Assert.Same(added, onlyMatching);
        Assert.Equal("[Service]\nExecStart=/bin/true\nRestart=always\n\n[Unit]\nDescription=Hi\n", added.Render());
        Assert.NotEqual(unit.Hash, added.Hash);
    }

    [Fact]
    public async Task A_unit_is_read_from_a_file()
    {
        var path = Path.Combine(folder, "hello.service");
        await File.WriteAllTextAsync(path, HelloText);

        var launched = await ClusterUnit.FromFileAsync(path);
        var loaded = await ClusterUnit.FromFileAsync(path, DesiredState.Loaded);

        Assert.Equal((Hello.Options, DesiredState.Launched), (launched.Options, launched.DesiredState));
        Assert.Equal(DesiredState.Loaded, loaded.DesiredState);
    }

    [Fact]
    public async Task A_file_that_is_missing_or_malformed_is_a_unit_file_format_exception_naming_it()
    {
        var missing = Path.Combine(folder, "missing.service");
        var malformed = Path.Combine(folder, "bad.service");
        await File.WriteAllTextAsync(malformed, "[Unit]\nDescription=x\n[Service\n");

        var notThere = await Assert.ThrowsAsync<UnitFileFormatException>(() => ClusterUnit.FromFileAsync(missing));
        var bad = await Assert.ThrowsAsync<UnitFileFormatException>(() => ClusterUnit.FromFileAsync(malformed));

        Assert.Contains(missing, notThere.Message, StringComparison.Ordinal);
        Assert.Null(notThere.Location);
        Assert.StartsWith($"{malformed}: ", bad.Message, StringComparison.Ordinal);
        Assert.Equal((3, 1), (bad.Location?.Line, bad.Location?.Column));
    }

    [Fact]
    public async Task A_unit_not_from_a_cluster_cannot_act_on_one()
    {
        var unit = new ClusterUnit(Exec).WithName("hello.service");

        var state = await Assert.ThrowsAsync<InvalidOperationException>(() => unit.SetDesiredStateAsync(DesiredState.Loaded));
        var destroy = await Assert.ThrowsAsync<InvalidOperationException>(() => unit.DestroyAsync());

        Assert.StartsWith("this unit did not come from a fleet cluster, so it cannot have its desired state set", state.Message, StringComparison.Ordinal);
        Assert.StartsWith("this unit did not come from a fleet cluster, so it cannot be destroyed", destroy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_state_is_refused_before_asking_whether_the_unit_is_from_a_cluster()
    {
        var e = await Assert.ThrowsAsync<FleetArgumentException>(() => new ClusterUnit(Exec).SetDesiredStateAsync("running"));

        Assert.Equal(DesiredStates.InvalidStateMessage, e.Message);
    }

    [Fact]
    public async Task Editing_a_unit_from_the_cluster_makes_a_local_copy_that_can_be_submitted()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched);
        var live = await scope.Client.GetUnitAsync("hello.service");

        var edited = live.AddOption("Service", "Restart", "always");
        var inactive = live.WithDesiredState(DesiredState.Inactive);
        await scope.Client.CreateUnitAsync(edited.Name!, edited);

        Assert.True(live.IsFromCluster);
        Assert.Equal(("hello.service", DesiredState.Launched, false, null, null), (edited.Name, edited.DesiredState, edited.IsFromCluster, edited.CurrentState, edited.MachineId));
        Assert.Equal((DesiredState.Inactive, false), (inactive.DesiredState, inactive.IsFromCluster));
        Assert.Equal(edited.Options, (await scope.Client.GetUnitAsync("hello.service")).Options);
        await Assert.ThrowsAsync<InvalidOperationException>(() => edited.DestroyAsync());
    }

    [Fact]
    public async Task Equality_ignores_the_client_a_unit_came_through()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        await using var other = await FleetApiClient.ConnectAsync(scope.Server.Endpoint);
        await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched);

        Assert.Equal(await scope.Client.GetUnitAsync("hello.service"), await other.GetUnitAsync("hello.service"));
    }

    [Fact]
    public void A_unit_file_keeps_its_unit_file()
    {
        var file = UnitFile.FromOptions(Exec);

        Assert.Same(file, new ClusterUnit(file).File);
    }
}
