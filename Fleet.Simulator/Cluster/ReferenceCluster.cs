using Fleet.Core.Collections;

namespace Fleet.Simulator.Cluster;

/// <summary>
/// The machines of the cluster the reference captures were made on, and deterministic further
/// ones, so a default server lines up with every real capture.
/// </summary>
public static class ReferenceCluster
{
    /// <summary>The three machines of the reference cluster: ids, IPs and metadata as fleet listed them.</summary>
    public static IReadOnlyList<SimulatedMachine> Machines { get; } =
    [
        new("222f532fc7580e18ebfca1f8614c8086", "172.17.8.101", Map(("disk", "ssd"), ("region", "us-east"), ("role", "web"))),
        new("7d6b720dcb47f5ecaabc6955293ad1b6", "172.17.8.102", Map(("region", "us-west"), ("role", "db"))),
        new("9a805ebde048c3f6e34bd2c4b3f89a2c", "172.17.8.103", ValueMap.Empty),
    ];

    /// <summary>
    /// <paramref name="count"/> machines: the reference three first, then machines whose ids are
    /// the SHA1-derived hex of their index and whose IPs continue 172.17.8.104, ... (no metadata).
    /// </summary>
    public static IReadOnlyList<SimulatedMachine> Take(int count) => Take(count, 1);

    /// <summary>
    /// <paramref name="count"/> machines of <see cref="Take(int)"/>'s sequence from the one at
    /// position <paramref name="first"/> (from 1), so that instances sharing a registry hold distinct
    /// machines: <c>Take(2, 1)</c> and <c>Take(1, 3)</c> are the reference three.
    /// </summary>
    internal static IReadOnlyList<SimulatedMachine> Take(int count, int first)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        var machines = new List<SimulatedMachine>(count);
        for (var i = (long)first - 1; i < (long)first - 1 + count; i++)
        {
            if (i < Machines.Count)
            {
                machines.Add(Machines[(int)i]);
                continue;
            }
            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.ASCII.GetBytes($"fleet-machine-{i + 1}")))[..32];
            machines.Add(new SimulatedMachine(id, $"172.17.{8 + (100 + i) / 254}.{(100 + i) % 254 + 1}", ValueMap.Empty));
        }
        return machines;
    }

    private static ValueMap Map(params (string Key, string Value)[] pairs) => ValueMap.From(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));
}
