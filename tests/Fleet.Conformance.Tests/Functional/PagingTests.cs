using Fleet.Core;

namespace Fleet.Conformance.Tests.Functional;

/// <summary>fleet answers 100 items a page; lists of 250 units and their states come whole and in order.</summary>
[Collection(Conformance.Name)]
[Trait(Conformance.Category, Conformance.Name)]
public sealed class PagingTests(TargetFleet fleet)
{
    [Fact]
    public async Task Units_and_states_are_read_across_every_page_in_name_order()
    {
        await using var units = fleet.NewUnits();
        var names = Enumerable.Range(0, 250).Select(i => units.Name($"page-{i:D3}")).ToList();
        foreach (var batch in names.Chunk(25))
        {
            await Task.WhenAll(batch.Select(async name => (await fleet.Client.CreateUnitAsync(name, Sleepers.Plain, DesiredState.Loaded)).Right()));
        }

        var streamed = new List<string>();
        await foreach (var unit in fleet.Client.ListUnits()) streamed.Add(unit.Right().Name);
        var states = await Eventually.ReadAsync(fleet, "all 250 units loaded",
            async () => (await fleet.Client.ListUnitStatesAsync()).Right().Where(s => units.Owns(s.Name)).ToList(),
            states => states.Count == names.Count);

        Assert.Equal(names, streamed.Where(units.Owns));
        Assert.Equal(streamed.Order(StringComparer.Ordinal), streamed);
        Assert.Equal(names, states.Select(s => s.Name));
        Assert.All(states, s => Assert.Equal("loaded", s.SystemdLoadState));
    }
}
