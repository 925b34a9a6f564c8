using Fleet.Core;
using Fleet.Testing;

namespace Fleet.Transport.Tests.Api;

/// <summary>
/// The list streams hold one page at a time: reading 10,000 units, the live heap stays where it
/// was after the first thousand, where collecting them would grow it by every unit read.
/// </summary>
public sealed class ListingMemoryTests
{
    private const int Units = 10_000;

    [Fact]
    public async Task Streaming_ten_thousand_units_keeps_the_heap_flat()
    {
        // No agent: inactive units need none, and the engine stays out of the fill.
        await using var scope = await ClientScope.StartAsync(unix: true, new FleetServerOptions { AgentDelay = Timeout.InfiniteTimeSpan });
        foreach (var batch in Enumerable.Range(0, Units).Chunk(100))
        {
            await Task.WhenAll(batch.Select(async i => (await scope.Client.CreateUnitAsync(
                $"worker-{i:D5}.service",
                [new UnitOption("Unit", "Description", $"Worker {i} {new string('x', 200)}"), new UnitOption("Service", "ExecStart", "/bin/sleep 1d")],
                DesiredState.Inactive)).Right()));
        }

        var samples = new List<long>();
        var read = 0;
        await foreach (var unit in scope.Client.ListUnits())
        {
            _ = unit.Right();
            if (++read % 1000 == 0) samples.Add(GC.GetTotalMemory(forceFullCollection: true));
        }

        Assert.Equal(Units, read);
        // Holding the units read instead grows it by about 8 MB (0.8 KB a unit).
        var growth = samples.Max() - samples[0];
        Assert.True(growth < 1_000_000, $"the heap grew by {growth:N0} bytes while streaming; samples: {string.Join(", ", samples.Select(s => s.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}");
    }
}
