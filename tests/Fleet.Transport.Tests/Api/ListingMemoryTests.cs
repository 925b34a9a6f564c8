using Fleet.Core;
using Fleet.Simulator;
using LanguageExt;

namespace Fleet.Transport.Tests.Api;

/// <summary>
/// The list streams hold one page at a time: while 10,000 units are read, every unit of an
/// earlier page can be collected, so memory stays flat however long the list is. Weak references
/// say this about the stream alone, whatever else the test process holds. The same measurement,
/// run over a listing that keeps every unit it reads, must see it holding its earlier pages:
/// otherwise the weak references could be dying for some other reason and prove nothing.
/// </summary>
public sealed class ListingMemoryTests
{
    private const int Units = 10_000;
    private const int PageSize = 100;

    // A thread pool thread busy elsewhere can still hold the last continuation it ran, and with
    // it one recent page, so a few may linger; a stream that kept its pages holds every one.
    private const int Lingering = 4;

    [Fact]
    public async Task Streaming_ten_thousand_units_holds_no_earlier_page()
    {
        // No agent: inactive units need none, and the engine stays out of the fill.
        await using var scope = await ClientScope.StartAsync(unix: true, new FleetServerOptions { AgentDelay = Timeout.InfiniteTimeSpan });
        await CreateAsync(scope, Units);

        var (read, pages, held) = await EarlierPagesHeldAsync(scope.Client.ListUnits(), checkEvery: 1000);

        Assert.Equal(Units, read);
        Assert.Equal(Units / PageSize, pages);
        Assert.True(held.Count <= Lingering, $"{held.Count} earlier pages were still held at one check: {string.Join(",", held)}");
    }

    [Fact]
    public async Task A_listing_that_keeps_what_it_read_is_seen_holding_every_earlier_page()
    {
        await using var scope = await ClientScope.StartAsync(unix: true, new FleetServerOptions { AgentDelay = Timeout.InfiniteTimeSpan });
        const int units = 1000;
        await CreateAsync(scope, units);
        var kept = new List<FleetUnit>();

        var (read, pages, held) = await EarlierPagesHeldAsync(Keeping(scope.Client.ListUnits(), kept), checkEvery: units);

        Assert.Equal(units, read);
        Assert.Equal(units, kept.Count);
        // Every page before the current one, far more than the streaming test lets linger.
        Assert.Equal(Enumerable.Range(0, pages - 1), held);
        Assert.True(held.Count > Lingering);
        GC.KeepAlive(kept);
    }

    private static async Task CreateAsync(ClientScope scope, int count)
    {
        foreach (var batch in Enumerable.Range(0, count).Chunk(100))
        {
            await Task.WhenAll(batch.Select(async i => (await scope.Client.CreateUnitAsync(
                $"worker-{i:D5}.service",
                [new UnitOption("Unit", "Description", $"Worker {i}"), new UnitOption("Service", "ExecStart", "/bin/sleep 1d")],
                DesiredState.Inactive)).Right()));
        }
    }

    // Reads the listing, keeping a weak reference to the first unit of each page; every
    // checkEvery units it collects garbage and notes which earlier pages are still alive. Returns
    // the units read, the pages seen and the largest set of earlier pages held at one check.
    private static async Task<(int Read, int Pages, List<int> Held)> EarlierPagesHeldAsync(IAsyncEnumerable<Either<APIError, FleetUnit>> listing, int checkEvery)
    {
        var firstOfPage = new List<WeakReference>();
        var worst = new List<int>();
        var read = 0;
        await foreach (var unit in listing)
        {
            if (read % PageSize == 0) firstOfPage.Add(new WeakReference(unit.Right()));
            if (++read % checkEvery == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                // Pages before the current one (the current one is the stream's buffer).
                var held = firstOfPage.Take(firstOfPage.Count - 1).Select((reference, page) => (reference, page)).Where(p => p.reference.IsAlive).Select(p => p.page).ToList();
                if (held.Count > worst.Count) worst = held;
            }
        }
        return (read, firstOfPage.Count, worst);
    }

    private static async IAsyncEnumerable<Either<APIError, FleetUnit>> Keeping(IAsyncEnumerable<Either<APIError, FleetUnit>> listing, List<FleetUnit> kept)
    {
        await foreach (var unit in listing)
        {
            kept.Add(unit.Right());
            yield return unit;
        }
    }
}
