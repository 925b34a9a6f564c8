using Fleet.Core.Text;

namespace Fleet.Simulator.Registry;

/// <summary>
/// The keys fleetd's engine and agents write under a registry prefix, joined and cleaned as Go's
/// <c>path.Join</c> joins them in fleet's <c>EtcdRegistry</c> (<c>/otherfleet</c> and
/// <c>otherfleet/</c> are one prefix).
/// </summary>
internal sealed class RegistryPaths(string keyPrefix)
{
    /// <summary>The prefix, cleaned: <c>/_coreos.com/fleet</c>.</summary>
    public string Prefix { get; } = GoPath.Clean("/" + keyPrefix);

    /// <summary><c>machines/ID/object</c>: a machine's registration.</summary>
    public string MachineObject(string machineId) => Join("machines", machineId, "object");

    /// <summary><c>machines/ID/metadata/KEY</c>: a metadata value set through fleet's API, merged over the machine's own (empty: removed).</summary>
    public string MachineMetadata(string machineId, string key) => Join("machines", machineId, "metadata", key);

    /// <summary><c>job/NAME</c>: a unit's folder.</summary>
    public string Job(string name) => Join("job", name);

    /// <summary><c>job/NAME/object</c>: the unit's name and hash, there as long as the unit is.</summary>
    public string JobObject(string name) => Join("job", name, "object");

    /// <summary><c>job/NAME/target-state</c>: the unit's desired state, as text.</summary>
    public string TargetState(string name) => Join("job", name, "target-state");

    /// <summary><c>job/NAME/target</c>: the machine the engine scheduled the unit to.</summary>
    public string Target(string name) => Join("job", name, "target");

    /// <summary><c>job/NAME/job-state</c>: the heartbeat of the machine running the unit.</summary>
    public string Heartbeat(string name) => Join("job", name, "job-state");

    /// <summary><c>states</c>: the unit states by unit, then machine.</summary>
    public string States => Join("states");

    /// <summary><c>states/NAME/MACHINE</c>.</summary>
    public string State(string name, string machineId) => Join("states", name, machineId);

    /// <summary><c>state</c>: the older layout, one state per unit, that fleet still writes.</summary>
    public string LegacyStates => Join("state");

    /// <summary><c>state/NAME</c>.</summary>
    public string LegacyState(string name) => Join("state", name);

    /// <summary><c>lease/engine-leader</c>: the lease the cluster's one working engine holds (fleet's lease manager keeps its leases under <c>lease/</c>).</summary>
    public string EngineLeader => Join("lease", "engine-leader");

    /// <summary><c>engine/version</c>: the engine version the cluster's engines work at, a decimal number.</summary>
    public string EngineVersion => Join("engine", "version");

    /// <summary>The last element of a key, as Go's <c>path.Split</c> gives it.</summary>
    public static string Last(string key) => key[(key.LastIndexOf('/') + 1)..];

    private string Join(params string[] parts) => GoPath.Clean(Prefix + "/" + string.Join('/', parts));
}
