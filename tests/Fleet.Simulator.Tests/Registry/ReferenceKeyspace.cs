using Fleet.Tests.Shared;
using Fleet.Transport.Etcd;

namespace Fleet.Simulator.Tests.Registry;

/// <summary>
/// The keyspaces of tests/fleet-reference/etcd (<c>KEY = VALUE</c> lines under
/// <c>/_coreos.com/fleet</c>) and the same view of a live etcd under any prefix, written with
/// the reference's prefix so the two compare line for line.
/// </summary>
internal static class ReferenceKeyspace
{
    public const string Prefix = "/_coreos.com/fleet";

    private static readonly string Folder = ReferenceData.Folder("etcd", "FLEET_ETCD_REFERENCE");

    /// <summary>A reference unit file (tests/fleet-reference/etcd/units).</summary>
    public static Fleet.UnitFiles.UnitFile Unit(string name) => Fleet.UnitFiles.UnitFile.Load(Path.Combine(Folder, "units", name)).Right();

    /// <summary>Whether the reference gives the keyspace after a step (it is withheld for some).</summary>
    public static bool Has(string step) =>
        File.ReadAllLines(Directory.GetFiles(Folder, step + "-*.txt").Single()).Contains($"--- keyspace {Prefix} ---");

    /// <summary>The keyspace after a step, by the start of its id (<c>027</c>).</summary>
    public static IReadOnlyList<string> Of(string step)
    {
        var lines = File.ReadAllLines(Directory.GetFiles(Folder, step + "-*.txt").Single());
        var start = Array.IndexOf(lines, $"--- keyspace {Prefix} ---");
        Assert.True(start >= 0, $"step {step} has no keyspace");
        return lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("--- ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The lines fleetd's engine and agents own or act on: jobs, unit states (both layouts) and machines.</summary>
    public static List<string> Cluster(IEnumerable<string> lines) =>
        [.. lines.Where(line => Relative(line) is var key && (key.StartsWith("job/", StringComparison.Ordinal) || key.StartsWith("states/", StringComparison.Ordinal) || key.StartsWith("state/", StringComparison.Ordinal) || key.StartsWith("machines/", StringComparison.Ordinal)))];

    /// <summary>What a registry holds without fleetd: no machines, unit states or heartbeats (the keys with a TTL).</summary>
    public static List<string> WithoutFleetd(IEnumerable<string> lines) =>
        [.. lines.Where(line => Relative(line) is var key && !key.EndsWith('/') && !key.StartsWith("states/", StringComparison.Ordinal) && !key.StartsWith("state/", StringComparison.Ordinal) && !key.StartsWith("machines/", StringComparison.Ordinal) && !key.Split(' ')[0].EndsWith("/job-state", StringComparison.Ordinal))];

    /// <summary>Writes reference lines into etcd under <paramref name="prefix"/>.</summary>
    public static async Task SeedAsync(EtcdKeysClient etcd, string prefix, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var at = line.IndexOf(" = ", StringComparison.Ordinal);
            Assert.True(at > 0, $"not KEY = VALUE: {line}");
            (await etcd.SetAsync(prefix + line[Prefix.Length..at], line[(at + 3)..])).Right();
        }
    }

    /// <summary>The keyspace under <paramref name="prefix"/> as the reference writes it (an empty folder is <c>KEY/</c>), keys given the reference's prefix.</summary>
    public static async Task<List<string>> ReadAsync(EtcdKeysClient etcd, string prefix)
    {
        var lines = new List<string>();
        foreach (var (key, node) in await NodesAsync(etcd, prefix))
        {
            lines.Add(node.Dir ? key + "/" : $"{key} = {node.Value}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Every key with a value and every empty folder under <paramref name="prefix"/>, keys given the reference's prefix.</summary>
    public static async Task<List<(string Key, EtcdNode Node)>> NodesAsync(EtcdKeysClient etcd, string prefix)
    {
        var read = await etcd.GetAsync(prefix, new EtcdGetOptions { Recursive = true, Sorted = true });
        var nodes = new List<(string, EtcdNode)>();
        if (read.IsLeft)
        {
            Assert.Equal(EtcdErrorCodes.KeyNotFound, read.Left().EtcdCode);
            return nodes;
        }
        Flatten(read.Right().Node, prefix, nodes, root: true);
        return nodes;
    }

    private static void Flatten(EtcdNode node, string prefix, List<(string, EtcdNode)> nodes, bool root)
    {
        var key = Prefix + node.Key[prefix.Length..];
        if (!node.Dir) nodes.Add((key, node));
        else if (node.Nodes.Count == 0 && !root) nodes.Add((key, node));
        foreach (var child in node.Nodes) Flatten(child, prefix, nodes, root: false);
    }

    private static string Relative(string line) => line.Length > Prefix.Length + 1 ? line[(Prefix.Length + 1)..] : "";
}
