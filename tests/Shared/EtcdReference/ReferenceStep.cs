using Fleet.Transport.Etcd;
using Fleet.UnitFiles;

namespace Fleet.Tests.Shared.Etcd;

/// <summary>
/// One step of tests/fleet-reference/etcd: what fleetctl printed, the keyspace afterwards
/// (<c>KEY = VALUE</c> lines per prefix) and, where recorded, its etcd requests.
/// </summary>
public sealed class ReferenceStep
{
    public static readonly string Folder = ReferenceData.Folder("etcd", "FLEET_ETCD_REFERENCE");

    private readonly string[] lines;

    private ReferenceStep(string id, string[] lines)
    {
        Id = id;
        this.lines = lines;
    }

    public string Id { get; }

    /// <summary>A step by the start of its id, such as <c>017</c>.</summary>
    public static ReferenceStep Load(string number)
    {
        var file = Directory.GetFiles(Folder, number + "-*.txt").Single();
        return new ReferenceStep(Path.GetFileNameWithoutExtension(file), File.ReadAllLines(file));
    }

    /// <summary>A reference unit file (tests/fleet-reference/etcd/units).</summary>
    public static UnitFile Unit(string name) => UnitFile.Load(Path.Combine(Folder, "units", name)).Right();

    public IReadOnlyList<string> Stdout => Section("--- stdout ---");

    /// <summary>The keyspace under a prefix, as <c>KEY = VALUE</c> lines (a bare <c>KEY/</c> is an empty folder).</summary>
    public IReadOnlyList<string> Keyspace(string prefix = "/_coreos.com/fleet") => Section($"--- keyspace {prefix} ---");

    /// <summary>The recorded requests: <c>METHOD URI  [TYPE] BODY  -> STATUS</c>.</summary>
    public IReadOnlyList<string> Requests => Section("--- etcd requests ---");

    /// <summary>Writes the step's keyspace (every key with a value) into etcd.</summary>
    public async Task SeedAsync(EtcdKeysClient etcd, string prefix = "/_coreos.com/fleet")
    {
        Assert.NotEmpty(Keyspace(prefix));
        foreach (var line in Keyspace(prefix))
        {
            if (line.EndsWith('/')) continue;
            var at = line.IndexOf(" = ", StringComparison.Ordinal);
            Assert.True(at > 0, $"{Id}: not KEY = VALUE: {line}");
            (await etcd.SetAsync(line[..at], line[(at + 3)..])).Right();
        }
    }

    /// <summary>A section as the process printed it: its lines, each ended by a line break.</summary>
    /// <param name="header">The section's header, such as <c>--- stdout ---</c>.</param>
    /// <returns>The text; empty for an empty section.</returns>
    public string Text(string header)
    {
        var lines = Section(header);
        return lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
    }

    public IReadOnlyList<string> Section(string header)
    {
        var start = Array.IndexOf(lines, header);
        Assert.True(start >= 0, $"{Id} has no section {header}");
        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("--- ", StringComparison.Ordinal)).ToList();
    }
}
