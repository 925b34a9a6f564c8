using Fleet.Simulator.Registry;

namespace Fleet.Tests.Shared;

/// <summary>
/// What the reference meant by a settled step, for a simulated fleetd over etcd: its engine and
/// agents pass until a pass changes nothing in the registry (a MachineOf peer placed after its
/// unit moves on a later pass, as fleet's engine reconciles again).
/// </summary>
internal static class EtcdFleetSettling
{
    private const int MaxPasses = 20;

    /// <summary>Runs passes until two reads of the keyspace agree; fails the test when they never do.</summary>
    /// <param name="fleet">The simulated fleetd.</param>
    /// <param name="readKeyspace">Reads the registry's keyspace as the test compares it.</param>
    public static async Task SettleAsync(EtcdFleet fleet, Func<Task<List<string>>> readKeyspace)
    {
        var before = await readKeyspace();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            (await fleet.PassAsync()).Right();
            var after = await readKeyspace();
            if (after.SequenceEqual(before)) return;
            before = after;
        }
        Assert.Fail($"the registry under {fleet.KeyPrefix} did not hold still within {MaxPasses} passes");
    }
}
