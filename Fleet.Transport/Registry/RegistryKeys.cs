using Fleet.Core.Text;

namespace Fleet.Transport.Registry;

/// <summary>
/// The keys of fleet's registry under a prefix, joined and cleaned as Go's <c>path.Join</c>
/// joins them in fleet's <c>EtcdRegistry</c>, so every key is the one fleet reads and writes:
/// those a client reads and writes, and those fleetd's engine and agents write. Fleet.Simulator
/// compiles this file as its own internal copy, as Go's text rules are shared (GoText.props).
/// </summary>
internal sealed class RegistryKeys
{
    private readonly string prefix;

    public RegistryKeys(string keyPrefix) => prefix = GoPath.Clean("/" + keyPrefix);

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

    /// <summary><c>job/NAME/target</c>: the machine the engine scheduled the unit to.</summary>
    public string Target(string name) => Join("job", name, "target");

    /// <summary><c>job/NAME/job-state</c>: the heartbeat of the machine running the unit.</summary>
    public string Heartbeat(string name) => Join("job", name, "job-state");

    /// <summary><c>unit</c>: the unit files by hash.</summary>
    public string Units => Join("unit");

    /// <summary><c>unit/HASH</c>.</summary>
    public string Unit(string hash) => Join("unit", hash);

    /// <summary><c>states</c>: the states the machines publish, by unit then machine.</summary>
    public string States => Join("states");

    /// <summary><c>states/NAME/MACHINE</c>.</summary>
    public string State(string name, string machineId) => Join("states", name, machineId);

    /// <summary><c>state</c>: the older layout, one state per unit, that fleet still writes.</summary>
    public string LegacyStates => Join("state");

    /// <summary><c>state/NAME</c>.</summary>
    public string LegacyState(string name) => Join("state", name);

    /// <summary><c>machines</c>: each machine's object and metadata.</summary>
    public string Machines => Join("machines");

    /// <summary><c>machines/ID/object</c>: a machine's registration.</summary>
    public string MachineObject(string machineId) => Join("machines", machineId, "object");

    /// <summary><c>machines/ID/metadata/KEY</c>: metadata set through fleet's API.</summary>
    public string Metadata(string machineId, string key) => Join("machines", machineId, "metadata", key);

    /// <summary><c>lease/engine-leader</c>: the engine lease of the fleetd whose engine schedules.</summary>
    public string EngineLeader => Join("lease", "engine-leader");

    /// <summary><c>engine/version</c>: the engine version the cluster's engines agree on.</summary>
    public string EngineVersion => Join("engine", "version");

    /// <summary>Go's <c>path.Join(dir, "object")</c> for a folder's key as etcd gives it back.</summary>
    public static string Child(string folder, string name) => GoPath.Clean(folder + "/" + name);

    /// <summary>The last element of a key, as Go's <c>path.Split</c> gives it.</summary>
    public static string Last(string key) => key[(key.LastIndexOf('/') + 1)..];

    private string Join(params string[] parts) => GoPath.Clean(prefix + "/" + string.Join('/', parts));

}
