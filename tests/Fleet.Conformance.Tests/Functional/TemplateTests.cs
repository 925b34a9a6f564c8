using Fleet.Core;

namespace Fleet.Conformance.Tests.Functional;

/// <summary>Templates are stored but never run; their instances run like any unit.</summary>
[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class TemplateTests(TargetFleet fleet)
{
    [Fact]
    public async Task A_template_is_kept_inactive_and_its_instances_launch_with_its_content()
    {
        await using var units = fleet.NewUnits();
        var template = units.Template("web");
        var instances = new[] { units.Instance("web", "1"), units.Instance("web", "2") };
        var wait = new UnitWaitOptions { Timeout = fleet.Patience };
        (await fleet.Client.CreateUnitAsync(template, Sleepers.Plain, DesiredState.Inactive)).Right();

        var refused = (await fleet.Client.SetDesiredStateAsync(template, DesiredState.Launched)).Left();
        foreach (var instance in instances) (await fleet.Client.CreateUnitAsync(instance, Sleepers.Plain, DesiredState.Launched)).Right();
        foreach (var instance in instances) (await fleet.Client.WaitForUnitAsync(instance, DesiredState.Launched, wait)).Right();

        var listed = (await fleet.Client.ListUnitsAsync()).Right().Where(u => units.Owns(u.Name)).ToList();
        var states = (await fleet.Client.ListUnitStatesAsync()).Right().Where(s => units.Owns(s.Name)).ToList();
        Assert.Equal(400, refused.Code);
        Assert.Equal(instances.Append(template).Order(StringComparer.Ordinal), listed.Select(u => u.Name));
        Assert.Equal(DesiredState.Inactive, listed.Single(u => u.Name == template).DesiredState);
        Assert.All(listed, u => Assert.Equal(Sleepers.Plain, u.Options));
        Assert.Equal(instances, states.Select(s => s.Name));
        Assert.All(states, s => Assert.Equal("running", s.SystemdSubState));
    }
}
