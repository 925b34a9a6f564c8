using Fleet.Tests.Shared.Etcd;
using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Transport.Tests.Registry;

/// <summary>ensure, wait and plan/apply, unchanged, over fleet's registry in a real etcd.</summary>
[Collection(RegistryCollection.Name)]
public sealed class RegistryConvenienceTests(RegistryFixture fixture)
{
    private const string Machine = "9a805ebde048c3f6e34bd2c4b3f89a2c";

    [Fact]
    public async Task A_plan_is_applied_over_the_registry_and_then_planned_empty()
    {
        await SeedMachinesAsync();
        await using var client = await fixture.ConnectAsync();
        UnitSource[] sources =
        [
            new("hello.service", ReferenceStep.Unit("hello.service")),
            new("monitor.service", ReferenceStep.Unit("monitor.service")),
            new("web@.service", ReferenceStep.Unit("web@.service")),
            new("web@1.service", null),
        ];

        var plan = (await client.PlanAsync(sources)).Right();
        var applied = (await client.ApplyAsync(plan)).Right();
        var again = (await client.PlanAsync(sources)).Right();
        var units = (await client.ListUnitsAsync()).Right().ToDictionary(u => u.Name);

        Assert.Equal(4, applied.Count);
        Assert.All(applied, change => Assert.Equal(UnitChange.Created, change.Change));
        Assert.True(again.IsEmpty);
        Assert.Equal(DesiredState.Launched, units["hello.service"].DesiredState);
        Assert.Equal(DesiredState.Inactive, units["web@.service"].DesiredState);
        Assert.Equal(ReferenceStep.Unit("web@.service").Options, units["web@1.service"].Options);
    }

    [Fact]
    public async Task Ensuring_twice_changes_once_and_ensuring_absence_destroys_over_the_registry()
    {
        await SeedMachinesAsync();
        await using var client = await fixture.ConnectAsync();
        var hello = ReferenceStep.Unit("hello.service");

        var created = (await client.EnsureUnitAsync("hello.service", hello, DesiredState.Loaded)).Right();
        var unchanged = (await client.EnsureUnitAsync("hello.service", hello, DesiredState.Loaded)).Right();
        var moved = (await client.EnsureDesiredStateAsync("hello.service", DesiredState.Launched)).Right();
        var destroyed = (await client.EnsureUnitAbsentAsync("hello.service")).Right();
        var absent = (await client.EnsureUnitAbsentAsync("hello.service")).Right();

        Assert.Equal(
            [UnitChange.Created, UnitChange.Unchanged, UnitChange.StateChanged, UnitChange.Destroyed, UnitChange.Unchanged],
            new[] { created, unchanged, moved, destroyed, absent }.Select(r => r.Change));
        Assert.Equal(404, (await client.GetUnitAsync("hello.service")).Left().Code);
    }

    [Fact]
    public async Task Waiting_sees_the_unit_launched_once_its_machine_publishes_it_in_etcd()
    {
        await SeedMachinesAsync();
        await using var client = await fixture.ConnectAsync();
        var hello = ReferenceStep.Unit("hello.service");
        (await client.EnsureUnitAsync("hello.service", hello, DesiredState.Launched)).Right();
        var options = new UnitWaitOptions { Timeout = TimeSpan.FromSeconds(20), PollInterval = TimeSpan.FromMilliseconds(50) };

        var waiting = client.WaitForUnitAsync("hello.service", DesiredState.Launched, options);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await ActAsAgentAsync(hello);
        var reached = (await waiting).Right();

        Assert.Equal((DesiredState.Launched, DesiredState.Launched, Machine, "active", "running"),
            (reached.DesiredState, reached.CurrentState, reached.MachineId, reached.ActiveState, reached.SubState));
    }

    // What fleetd's engine and agent write for a launched unit: the target, the state, the heartbeat.
    private async Task ActAsAgentAsync(UnitFile unit)
    {
        await using var etcd = fixture.Keys();
        var job = $"{RegistryFixture.Prefix}/job/hello.service";
        (await etcd.SetAsync($"{job}/target", Machine)).Right();
        (await etcd.SetAsync($"{RegistryFixture.Prefix}/states/hello.service/{Machine}",
            $"{{\"loadState\":\"loaded\",\"activeState\":\"active\",\"subState\":\"running\",\"machineState\":{{\"ID\":\"{Machine}\",\"PublicIP\":\"\",\"Metadata\":null,\"Capabilities\":null,\"Version\":\"\"}},\"unitHash\":\"{unit.Hash}\"}}")).Right();
        (await etcd.SetAsync($"{job}/job-state", Machine)).Right();
    }

    private async Task SeedMachinesAsync()
    {
        await fixture.ClearAsync();
        await using var etcd = fixture.Keys();
        await ReferenceStep.Load("016").SeedAsync(etcd);
    }
}
