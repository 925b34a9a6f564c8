using Fleet.Core;

namespace Fleet.Conformance.Tests.Functional;

/// <summary>
/// fleet's [X-Fleet] rules as any cluster of two or more machines shows them: MachineID,
/// MachineOf, Conflicts, MachineMetadata and Global. The machines and their metadata are read
/// from the fleet under test, never assumed.
/// </summary>
[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class SchedulingTests(TargetFleet fleet)
{
    [Fact]
    public async Task MachineID_puts_a_unit_on_that_machine_and_MachineOf_beside_another()
    {
        await using var units = fleet.NewUnits();
        var machines = await fleet.MachinesAsync();
        var (pinned, follower) = (units.Name("pinned"), units.Name("follower"));
        var target = machines[^1].Id;

        (await fleet.Client.CreateUnitAsync(pinned, Sleepers.With(Sleepers.Fleet("MachineID", target)), DesiredState.Launched)).Right();
        (await fleet.Client.CreateUnitAsync(follower, Sleepers.With(Sleepers.Fleet("MachineOf", pinned)), DesiredState.Launched)).Right();

        Assert.Equal(target, (await LaunchedAsync(pinned)).MachineId);
        Assert.Equal(target, (await LaunchedAsync(follower)).MachineId);
    }

    [Fact]
    public async Task Units_that_conflict_are_never_put_on_the_same_machine()
    {
        await using var units = fleet.NewUnits();
        var machines = await fleet.MachinesAsync();
        // One more than there are machines: whatever the scheduler prefers, one has nowhere to go.
        var names = Enumerable.Range(0, machines.Count + 1).Select(i => units.Name($"exclusive-{i:D3}")).ToList();

        foreach (var name in names)
        {
            (await fleet.Client.CreateUnitAsync(name, Sleepers.With(Sleepers.Fleet("Conflicts", $"{units.Prefix}exclusive-*.service")), DesiredState.Launched)).Right();
        }

        var placed = await Eventually.ReadAsync(fleet, $"all but one of {names.Count} conflicting units launched",
            async () => (await fleet.Client.ListUnitsAsync()).Right().Where(u => units.Owns(u.Name)).ToList(),
            listed => listed.Count(u => u.CurrentState == DesiredState.Launched) == machines.Count);
        Assert.Equal(machines.Select(m => m.Id).Order(StringComparer.Ordinal), placed.Where(u => u.MachineId is not null).Select(u => u.MachineId!).Order(StringComparer.Ordinal));
        Assert.Equal((string?)null, Assert.Single(placed, u => u.MachineId is null).MachineId);
    }

    [Fact]
    public async Task MachineMetadata_picks_a_machine_that_has_it_and_leaves_a_unit_no_machine_matches_unscheduled()
    {
        await using var units = fleet.NewUnits();
        var machines = await fleet.MachinesAsync();
        var (nowhere, somewhere) = (units.Name("nowhere"), units.Name("somewhere"));
        // A key no machine has; created first, so the engine has seen it once the other is placed.
        (await fleet.Client.CreateUnitAsync(nowhere, Sleepers.With(Sleepers.Fleet("MachineMetadata", $"{units.Prefix}absent=yes")), DesiredState.Launched)).Right();
        // A pair some machine of this fleet has, or when none has metadata, no rule at all.
        var pair = machines.SelectMany(m => m.Metadata).Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal).FirstOrDefault();
        var rules = pair is null ? Sleepers.Plain : Sleepers.With(Sleepers.Fleet("MachineMetadata", pair));
        (await fleet.Client.CreateUnitAsync(somewhere, rules, DesiredState.Launched)).Right();

        var placed = (await LaunchedAsync(somewhere)).MachineId;
        var unplaced = (await fleet.Client.GetUnitAsync(nowhere)).Right();

        var holders = machines.Where(m => pair is null || m.Metadata.Any(p => $"{p.Key}={p.Value}" == pair)).Select(m => m.Id);
        Assert.Contains(placed, holders);
        Assert.Equal((DesiredState.Launched, (string?)null, DesiredState.Inactive), (unplaced.DesiredState, unplaced.MachineId, unplaced.CurrentState));
    }

    [Fact]
    public async Task Replaces_keeps_a_unit_off_the_machine_of_the_unit_it_replaces_moving_that_one_away()
    {
        await using var units = fleet.NewUnits();
        var machines = await fleet.MachinesAsync();
        var (old, successor) = (units.Name("old"), units.Name("successor"));
        (await fleet.Client.CreateUnitAsync(old, Sleepers.Plain, DesiredState.Launched)).Right();
        var first = (await LaunchedAsync(old)).MachineId;
        // Metadata only the old unit's machine has draws the successor there, and then the old
        // unit must move; without such metadata, the successor goes elsewhere by itself.
        var there = machines.Single(m => m.Id == first).Metadata
            .Select(p => $"{p.Key}={p.Value}")
            .FirstOrDefault(pair => machines.Count(m => m.Metadata.Any(p => $"{p.Key}={p.Value}" == pair)) == 1);
        UnitOption[] rules = there is null
            ? [Sleepers.Fleet("Replaces", old)]
            : [Sleepers.Fleet("Replaces", old), Sleepers.Fleet("MachineMetadata", there)];

        (await fleet.Client.CreateUnitAsync(successor, Sleepers.With(rules), DesiredState.Launched)).Right();

        var placed = (await LaunchedAsync(successor)).MachineId;
        var moved = await Eventually.ReadAsync(fleet, $"{old} launched off the machine of {successor}",
            async () => (await fleet.Client.GetUnitAsync(old)).Right(),
            unit => unit.CurrentState == DesiredState.Launched && unit.MachineId is not null && unit.MachineId != placed);
        // Without metadata only the old unit's machine has, only the separation itself is shown.
        if (there is not null) Assert.Equal(first, placed);
        Assert.Equal(DesiredState.Launched, moved.CurrentState);
    }

    [Fact]
    public async Task A_global_unit_runs_on_every_machine_and_has_no_machine_of_its_own()
    {
        await using var units = fleet.NewUnits();
        var machines = await fleet.MachinesAsync();
        var name = units.Name("everywhere");

        (await fleet.Client.CreateUnitAsync(name, Sleepers.With(Sleepers.Fleet("Global", "true")), DesiredState.Launched)).Right();

        var states = await Eventually.ReadAsync(fleet, $"{name} running on all {machines.Count} machines",
            async () => (await fleet.Client.ListUnitStatesAsync(unitName: name)).Right(),
            states => states.Count == machines.Count && states.All(s => s.SystemdSubState == "running"));
        var unit = (await fleet.Client.GetUnitAsync(name)).Right();
        Assert.Equal(machines.Select(m => m.Id).Order(StringComparer.Ordinal), states.Select(s => s.MachineId).Order(StringComparer.Ordinal));
        Assert.Equal((DesiredState.Launched, (string?)null), (unit.DesiredState, unit.MachineId));
    }

    private async Task<UnitProgress> LaunchedAsync(string name) =>
        (await fleet.Client.WaitForUnitAsync(name, DesiredState.Launched, new UnitWaitOptions { Timeout = fleet.Patience })).Right();
}
