using Fleet.Core;
using Fleet.Testing;

namespace Fleet.Transport.Tests.Api;

/// <summary>
/// The list streams hold one page at a time: while 10,000 units are read, every unit of an
/// earlier page can be collected, so memory stays flat however long the list is. Weak references
/// say this about the stream alone, whatever else the test process holds.
/// </summary>
public sealed class ListingMemoryTests
{
    private const int Units = 10_000;

    [Fact]
    public async Task Streaming_ten_thousand_units_holds_no_earlier_page()
    {
        // No agent: inactive units need none, and the engine stays out of the fill.
        await using var scope = await ClientScope.StartAsync(unix: true, new FleetServerOptions { AgentDelay = Timeout.InfiniteTimeSpan });
        foreach (var batch in Enumerable.Range(0, Units).Chunk(100))
        {
            await Task.WhenAll(batch.Select(async i => (await scope.Client.CreateUnitAsync(
                $"worker-{i:D5}.service",
                [new UnitOption("Unit", "Description", $"Worker {i}"), new UnitOption("Service", "ExecStart", "/bin/sleep 1d")],
                DesiredState.Inactive)).Right()));
        }

        var firstOfPage = new List<WeakReference>();
        var read = 0;
        await foreach (var unit in scope.Client.ListUnits())
        {
            if (read % 100 == 0) firstOfPage.Add(new WeakReference(unit.Right()));
            if (++read % 1000 == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                // Pages before the current one (the current one is the stream's buffer). A thread
                // pool thread busy elsewhere can still hold the last continuation it ran, and with
                // it one recent page, so a few may linger; a stream that kept its pages would
                // hold every one read so far (up to 98 here).
                var held = firstOfPage.Take(firstOfPage.Count - 1).Select((reference, page) => (reference, page)).Where(p => p.reference.IsAlive).Select(p => p.page).ToList();
                Assert.True(held.Count <= 4, $"after {read} units, {held.Count} earlier pages are still held: {string.Join(",", held)}");
            }
        }

        Assert.Equal(Units, read);
        Assert.Equal(Units / 100, firstOfPage.Count);
    }

    [Fact]
    public async Task Collecting_the_same_list_holds_every_page_which_is_what_the_stream_avoids()
    {
        await using var scope = await ClientScope.StartAsync(unix: true, new FleetServerOptions { AgentDelay = Timeout.InfiniteTimeSpan });
        foreach (var i in Enumerable.Range(0, 300))
        {
            (await scope.Client.CreateUnitAsync($"w-{i:D3}.service", [new UnitOption("Service", "ExecStart", "/bin/true")], DesiredState.Inactive)).Right();
        }

        var all = (await scope.Client.ListUnitsAsync()).Right();
        var first = new WeakReference(all[0]);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The check above would catch a stream that kept units the way a collected list must.
        Assert.True(first.IsAlive);
        GC.KeepAlive(all);
    }
}
