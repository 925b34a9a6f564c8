namespace Fleet.Transport.Registry;

/// <summary>
/// The keys of fleet's registry under a prefix, joined and cleaned as Go's <c>path.Join</c>
/// joins them in fleet's <c>EtcdRegistry</c>, so every key is the one fleet reads and writes.
/// </summary>
internal sealed class RegistryKeys
{
    private readonly string prefix;

    public RegistryKeys(string keyPrefix) => prefix = Clean("/" + keyPrefix);

    /// <summary>The prefix, cleaned: <c>/_coreos.com/fleet</c>.</summary>
    public string Prefix => prefix;

    /// <summary><c>job</c>: one folder per unit.</summary>
    public string Jobs => Join("job");

    /// <summary><c>job/NAME</c>.</summary>
    public string Job(string name) => Join("job", name);

    /// <summary><c>job/NAME/object</c>: the unit's name and hash.</summary>
    public string JobObject(string name) => Join("job", name, "object");

    /// <summary><c>job/NAME/target-state</c>: the desired state.</summary>
    public string TargetState(string name) => Join("job", name, "target-state");

    /// <summary><c>unit</c>: the unit files by hash.</summary>
    public string Units => Join("unit");

    /// <summary><c>unit/HASH</c>.</summary>
    public string Unit(string hash) => Join("unit", hash);

    /// <summary><c>states</c>: the states the machines publish, by unit then machine.</summary>
    public string States => Join("states");

    /// <summary><c>states/NAME/MACHINE</c>.</summary>
    public string State(string name, string machineId) => Join("states", name, machineId);

    /// <summary><c>machines</c>: each machine's object and metadata.</summary>
    public string Machines => Join("machines");

    /// <summary><c>machines/ID/metadata/KEY</c>: metadata set through fleet's API.</summary>
    public string Metadata(string machineId, string key) => Join("machines", machineId, "metadata", key);

    /// <summary>Go's <c>path.Join(dir, "object")</c> for a folder's key as etcd gives it back.</summary>
    public static string Child(string folder, string name) => Clean(folder + "/" + name);

    /// <summary>The last element of a key, as Go's <c>path.Split</c> gives it.</summary>
    public static string Last(string key) => key[(key.LastIndexOf('/') + 1)..];

    private string Join(params string[] parts) => Clean(prefix + "/" + string.Join('/', parts));

    // Go's path.Clean for a rooted path: no empty, "." or ".." elements, no final slash.
    private static string Clean(string path)
    {
        var kept = new List<string>();
        foreach (var element in path.Split('/'))
        {
            if (element.Length == 0 || element == ".") continue;
            if (element == "..")
            {
                if (kept.Count > 0) kept.RemoveAt(kept.Count - 1);
                continue;
            }
            kept.Add(element);
        }
        return "/" + string.Join('/', kept);
    }
}
