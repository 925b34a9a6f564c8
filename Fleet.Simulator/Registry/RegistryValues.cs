using System.Text.Json;
using Fleet.Core;
using Fleet.Core.Text;
using Fleet.Simulator.Cluster;

namespace Fleet.Simulator.Registry;

/// <summary>
/// The values fleetd writes for its machines and unit states, byte for byte as Go's
/// <c>encoding/json</c> writes fleet's structs (fields in struct order, a map's keys sorted,
/// nil as <c>null</c>).
/// </summary>
internal static class RegistryValues
{
    /// <summary>The version fleetd v1.0.0 publishes for its machine (the tag, with its <c>v</c>).</summary>
    public const string FleetdVersion = "v1.0.0";

    /// <summary><c>machines/ID/object</c>: <c>{"ID":..,"PublicIP":..,"Metadata":{..},"Capabilities":null,"Version":"v1.0.0"}</c>.</summary>
    public static string MachineObject(SimulatedMachine machine)
    {
        var json = new GoJsonWriter().BeginObject()
            .Name("ID").String(machine.Id)
            .Name("PublicIP").String(machine.PublicIp)
            .Name("Metadata").BeginObject();
        foreach (var (key, value) in machine.Metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal)) json.Name(key).String(value);
        return json.EndObject()
            .Name("Capabilities").Null()
            .Name("Version").String(FleetdVersion)
            .EndObject().ToString();
    }

    /// <summary>
    /// <c>states/NAME/MACHINE</c> and <c>state/NAME</c>: the systemd states, the machine as fleet's
    /// agent names it there (only its id), and the unit's hash in hex.
    /// </summary>
    public static string UnitState(UnitState state) =>
        new GoJsonWriter().BeginObject()
            .Name("loadState").String(state.SystemdLoadState ?? "")
            .Name("activeState").String(state.SystemdActiveState ?? "")
            .Name("subState").String(state.SystemdSubState ?? "")
            .Name("machineState").BeginObject()
                .Name("ID").String(state.MachineId ?? "")
                .Name("PublicIP").String("")
                .Name("Metadata").Null()
                .Name("Capabilities").Null()
                .Name("Version").String("")
            .EndObject()
            .Name("unitHash").String(state.Hash ?? "")
            .EndObject().ToString();

    /// <summary>The machine id in a unit state's value, or null when the value is not one.</summary>
    public static string? MachineOf(string? stateValue)
    {
        if (string.IsNullOrEmpty(stateValue)) return null;
        try
        {
            using var document = JsonDocument.Parse(stateValue);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("machineState", out var machine)
                && machine.ValueKind == JsonValueKind.Object
                && machine.TryGetProperty("ID", out var id)
                && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
