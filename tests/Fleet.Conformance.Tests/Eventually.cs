namespace Fleet.Conformance.Tests;

/// <summary>Waits for what an agent does in its own time: polls until it holds, or fails at the fleet's deadline.</summary>
internal static class Eventually
{
    /// <summary>
    /// Polls <paramref name="check"/> until it says it holds. At the deadline the test fails with
    /// <paramref name="what"/> and the last thing the check saw.
    /// </summary>
    public static async Task HoldsAsync(TargetFleet fleet, string what, Func<Task<(bool Holds, string Seen)>> check)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var interval = fleet.Server is null ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var (holds, seen) = await check();
            if (holds) return;
            if (clock.Elapsed > fleet.Patience) throw new Xunit.Sdk.XunitException($"after {fleet.Patience.TotalSeconds:0} s, still not {what}: {seen}");
            await Task.Delay(interval);
        }
    }

    /// <summary>Polls <paramref name="read"/> until its value passes <paramref name="done"/>, and returns that value.</summary>
    public static async Task<T> ReadAsync<T>(TargetFleet fleet, string what, Func<Task<T>> read, Func<T, bool> done)
    {
        T last = default!;
        await HoldsAsync(fleet, what, async () =>
        {
            last = await read();
            return (done(last), last?.ToString() ?? "null");
        });
        return last;
    }
}
