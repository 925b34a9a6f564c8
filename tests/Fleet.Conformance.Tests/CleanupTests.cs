using Fleet.Core;

namespace Fleet.Conformance.Tests;

/// <summary>What the suite promises a cluster's owner: it leaves nothing behind, even when a test fails.</summary>
[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class CleanupTests(TargetFleet fleet)
{
    [Fact]
    public async Task A_failing_tests_units_and_their_states_are_gone_when_it_ends()
    {
        TestUnits? units = null;

        var failure = await Record.ExceptionAsync(async () =>
        {
            await using (units = fleet.NewUnits())
            {
                (await fleet.Client.CreateUnitAsync(units.Name("left-running"), Sleepers.Plain, DesiredState.Launched)).Right();
                (await fleet.Client.CreateUnitAsync(units.Template("left"), Sleepers.Plain, DesiredState.Inactive)).Right();
                (await fleet.Client.WaitForUnitAsync(units.Name("left-running"), DesiredState.Launched, new UnitWaitOptions { Timeout = fleet.Patience })).Right();
                throw new InvalidOperationException("the test failed here");
            }
        });

        Assert.Equal("the test failed here", Assert.IsType<InvalidOperationException>(failure).Message);
        Assert.DoesNotContain((await fleet.Client.ListUnitsAsync()).Right(), u => units!.Owns(u.Name));
        Assert.DoesNotContain((await fleet.Client.ListUnitStatesAsync()).Right(), s => units!.Owns(s.Name));
    }

    [Fact]
    public void Every_unit_name_of_the_run_starts_with_its_own_prefix()
    {
        var (first, second) = (fleet.NewUnits(), fleet.NewUnits());

        Assert.Matches("^conformance-[0-9a-f]{8}-$", fleet.RunPrefix);
        Assert.StartsWith(fleet.RunPrefix, first.Name("x"), StringComparison.Ordinal);
        Assert.NotEqual(first.Prefix, second.Prefix);
        Assert.False(first.Owns(second.Name("x")));
        Assert.True(UnitNames.Validate(first.Instance("web", "1")).IsRight);
    }
}
