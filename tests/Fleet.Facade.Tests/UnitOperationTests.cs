using Fleet.Core;
using Fleet.UnitFiles;
using static Fleet.Facade.Tests.Units;

namespace Fleet.Facade.Tests;

public sealed class UnitOperationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_unit_is_created_read_changed_and_destroyed_by_name(bool unix)
    {
        await using var scope = await FacadeScope.StartAsync(unix);
        var client = scope.Client;

        var created = await client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched);
        var read = await client.GetUnitAsync("hello.service");
        await client.SetDesiredStateAsync("hello.service", DesiredState.Loaded);
        var loaded = await client.GetUnitAsync("hello.service");
        await client.SetDesiredStateAsync("hello.service", "inactive");
        var inactive = await client.GetUnitAsync("hello.service");
        await client.DestroyUnitAsync("hello.service");

        Assert.Equal(("hello.service", DesiredState.Launched, Hello.Options), (created.Name, created.DesiredState, (IReadOnlyList<UnitOption>)created.File.Options));
        Assert.True(created.IsFromCluster);
        Assert.Equal((DesiredState.Launched, DesiredState.Launched), (read.DesiredState, read.CurrentState));
        Assert.NotNull(read.MachineId);
        Assert.Equal(Hello.Hash, read.Hash);
        Assert.Equal(HelloText, read.Render());
        Assert.Equal((DesiredState.Loaded, DesiredState.Loaded), (loaded.DesiredState, loaded.CurrentState));
        Assert.Equal(DesiredState.Inactive, inactive.DesiredState);
        Assert.Empty(scope.Server.Cluster.Units);
    }

    [Fact]
    public async Task A_unit_is_created_from_options_and_replaced_from_a_cluster_unit()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);

        await scope.Client.CreateUnitAsync("hello.service", Exec, DesiredState.Inactive);
        var first = await scope.Client.GetUnitAsync("hello.service");
        await scope.Client.CreateUnitAsync("hello.service", ClusterUnit.FromString(HelloText));
        var second = await scope.Client.GetUnitAsync("hello.service");

        Assert.Equal(Exec, first.Options);
        Assert.Equal(DesiredState.Inactive, first.DesiredState);
        Assert.Equal(Hello.Options, second.Options);
        Assert.Equal(DesiredState.Launched, second.DesiredState);
    }

    [Fact]
    public async Task A_unit_read_from_one_cluster_can_be_created_under_another_name()
    {
        await using var scope = await FacadeScope.StartAsync(unix: false);
        await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Loaded);
        var original = await scope.Client.GetUnitAsync("hello.service");

        var copy = await scope.Client.CreateUnitAsync("copy.service", original);

        Assert.Equal(("copy.service", DesiredState.Loaded), (copy.Name, copy.DesiredState));
        Assert.Equal(original.Options, (await scope.Client.GetUnitAsync("copy.service")).Options);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task State_and_destruction_by_unit_use_its_name(bool unix)
    {
        await using var scope = await FacadeScope.StartAsync(unix);
        var unit = await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched);

        await scope.Client.SetDesiredStateAsync(unit, DesiredState.Loaded);
        var loaded = (await scope.Client.GetUnitAsync("hello.service")).DesiredState;
        await scope.Client.SetDesiredStateAsync(unit, "inactive");
        var inactive = (await scope.Client.GetUnitAsync("hello.service")).DesiredState;
        await scope.Client.DestroyUnitAsync(unit);

        Assert.Equal((DesiredState.Loaded, DesiredState.Inactive), (loaded, inactive));
        Assert.Empty(await scope.Client.ListUnitsAsync());
    }

    [Fact]
    public async Task A_local_unit_given_a_name_can_be_addressed_by_it()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        await scope.Client.CreateUnitAsync("hello.service", Exec, DesiredState.Inactive);
        var local = new ClusterUnit(Exec).WithName("hello.service");

        await scope.Client.SetDesiredStateAsync(local, DesiredState.Launched);

        Assert.Equal(DesiredState.Launched, (await scope.Client.GetUnitAsync("hello.service")).DesiredState);
        Assert.False(local.IsFromCluster);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Units_are_listed_as_a_stream_and_collected_each_bound_to_the_client(bool unix)
    {
        await using var scope = await FacadeScope.StartAsync(unix);
        var names = Enumerable.Range(0, 130).Select(i => $"unit-{i:D3}.service").ToList();
        foreach (var batch in names.Chunk(40))
        {
            await Task.WhenAll(batch.Select(name => scope.Client.CreateUnitAsync(name, Exec, DesiredState.Loaded)));
        }

        var streamed = new List<ClusterUnit>();
        await foreach (var unit in scope.Client.ListUnits()) streamed.Add(unit);
        var collected = await scope.Client.ListUnitsAsync();

        Assert.Equal(names, streamed.Select(u => u.Name));
        Assert.Equal(streamed, collected);
        Assert.All(collected, u => Assert.True(u.IsFromCluster));
        await collected[0].DestroyAsync();
        Assert.Equal(129, (await scope.Client.ListUnitsAsync()).Count);
    }

    [Fact]
    public async Task A_unit_from_the_cluster_changes_its_state_and_destroys_itself_through_its_client()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        await scope.Client.CreateUnitAsync("hello.service", Hello, DesiredState.Launched);
        var unit = await scope.Client.GetUnitAsync("hello.service");

        var loaded = await unit.SetDesiredStateAsync(DesiredState.Loaded);
        var inactive = await loaded.SetDesiredStateAsync("inactive");
        var afterwards = await scope.Client.GetUnitAsync("hello.service");
        await inactive.DestroyAsync();

        Assert.Equal((DesiredState.Loaded, true), (loaded.DesiredState, loaded.IsFromCluster));
        Assert.Equal(DesiredState.Inactive, inactive.DesiredState);
        Assert.Equal(DesiredState.Inactive, afterwards.DesiredState);
        Assert.Empty(scope.Server.Cluster.Units);
        var gone = await Assert.ThrowsAsync<FleetApiException>(() => unit.DestroyAsync());
        Assert.Equal(404, gone.Code);
    }

    [Fact]
    public async Task A_unit_created_through_the_client_is_bound_to_it()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);

        var unit = await scope.Client.CreateUnitAsync("hello.service", new ClusterUnit(Exec, DesiredState.Inactive));
        await unit.SetDesiredStateAsync(DesiredState.Launched);

        Assert.Equal(DesiredState.Launched, (await scope.Client.GetUnitAsync("hello.service")).DesiredState);
    }

    [Fact]
    public async Task A_template_and_its_instance()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);

        var template = await scope.Client.CreateUnitAsync("web@.service", UnitFile.FromOptions(Exec), DesiredState.Inactive);
        var instance = await scope.Client.CreateUnitAsync("web@1.service", template);

        Assert.Equal(["web@.service", "web@1.service"], (await scope.Client.ListUnitsAsync()).Select(u => u.Name));
        Assert.Equal(DesiredState.Inactive, instance.DesiredState);
    }
}
