using System.Text.Json.Serialization;

namespace Fleet.Transport.Registry;

/// <summary>
/// System.Text.Json's generated code for the values fleet keeps in etcd, read as Go reads them:
/// field names in any case. (Values written are Go's exact bytes, from <see cref="GoJsonText"/>.)
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JobModel))]
[JsonSerializable(typeof(UnitModel))]
[JsonSerializable(typeof(UnitStateModel))]
[JsonSerializable(typeof(MachineModel))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;

/// <summary><c>job/NAME/object</c>: the unit's name and its hash as Go writes a <c>[20]byte</c>, 20 numbers.</summary>
internal sealed record JobModel(string? Name, int[]? UnitHash);

/// <summary><c>unit/HASH</c>: the unit file's canonical text.</summary>
internal sealed record UnitModel(string? Raw);

/// <summary><c>states/NAME/MACHINE</c>: what a machine's agent published for a unit.</summary>
internal sealed record UnitStateModel(
    [property: JsonPropertyName("loadState")] string? LoadState,
    [property: JsonPropertyName("activeState")] string? ActiveState,
    [property: JsonPropertyName("subState")] string? SubState,
    [property: JsonPropertyName("machineState")] MachineModel? MachineState,
    [property: JsonPropertyName("unitHash")] string? UnitHash);

/// <summary><c>machines/ID/object</c>: a machine as its fleetd registered it.</summary>
internal sealed record MachineModel(
    [property: JsonPropertyName("ID")] string? Id,
    [property: JsonPropertyName("PublicIP")] string? PublicIP,
    [property: JsonPropertyName("Metadata")] Dictionary<string, string?>? Metadata,
    [property: JsonPropertyName("Version")] string? Version);
