using Fleet.Transport.Etcd;

namespace Fleet.Tests.Shared.Etcd;

/// <summary>The keyspace under a prefix as the reference shows it: sorted <c>KEY = VALUE</c> lines.</summary>
public static class Keyspace
{
    public static async Task<List<string>> ReadAsync(EtcdKeysClient etcd, string prefix = "/_coreos.com/fleet")
    {
        var read = await etcd.GetAsync(prefix, new EtcdGetOptions { Recursive = true, Sorted = true });
        if (read.IsLeft)
        {
            Assert.Equal(EtcdErrorCodes.KeyNotFound, read.Left().EtcdCode);
            return [];
        }
        var lines = new List<string>();
        Flatten(read.Right().Node, lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>
    /// What a client writes, without what fleet's engine and agents write (<c>job/*/target</c>,
    /// <c>job/*/job-state</c>, <c>states/</c>, <c>state/</c>, fleetd's lease and version) and
    /// without empty folders.
    /// </summary>
    public static List<string> ClientWritten(IEnumerable<string> lines, string prefix = "/_coreos.com/fleet") =>
        lines.Where(line =>
        {
            var key = line.Split(' ')[0];
            if (key.EndsWith('/')) return false;
            var relative = key[(prefix.Length + 1)..];
            return !(relative.StartsWith("states/", StringComparison.Ordinal)
                || relative.StartsWith("state/", StringComparison.Ordinal)
                || relative.StartsWith("lease/", StringComparison.Ordinal)
                || relative.StartsWith("engine/", StringComparison.Ordinal)
                || (relative.StartsWith("job/", StringComparison.Ordinal) && (relative.EndsWith("/target", StringComparison.Ordinal) || relative.EndsWith("/job-state", StringComparison.Ordinal))));
        }).ToList();

    private static void Flatten(EtcdNode node, List<string> lines)
    {
        if (!node.Dir)
        {
            lines.Add($"{node.Key} = {node.Value}");
            return;
        }
        foreach (var child in node.Nodes) Flatten(child, lines);
    }
}
