using Fleet.Core;
using Fleet.Core.Text;

namespace Fleet.Simulator.Api;

/// <summary>fleet's entities and pages as its Go server marshals them (alphabetical fields, empty ones left out).</summary>
internal static class FleetJson
{
    public static byte[] Error(int code, string message) =>
        new GoJsonWriter().BeginObject().Name("error").BeginObject().Name("code").Number(code).Name("message").String(message).EndObject().EndObject().ToUtf8();

    public static byte[] Unit(FleetUnit unit) => WriteUnit(new GoJsonWriter(), unit).ToUtf8();

    public static byte[] UnitPage(IReadOnlyList<FleetUnit> units, string? nextPageToken)
    {
        var json = new GoJsonWriter().BeginObject().OmitEmpty("nextPageToken", nextPageToken);
        if (units.Count > 0)
        {
            json.Name("units").BeginArray();
            foreach (var unit in units) WriteUnit(json, unit);
            json.EndArray();
        }
        return json.EndObject().ToUtf8();
    }

    public static byte[] State(UnitState state) => WriteState(new GoJsonWriter(), state).ToUtf8();

    public static byte[] StatePage(IReadOnlyList<UnitState> states, string? nextPageToken)
    {
        var json = new GoJsonWriter().BeginObject().OmitEmpty("nextPageToken", nextPageToken);
        if (states.Count > 0)
        {
            json.Name("states").BeginArray();
            foreach (var state in states) WriteState(json, state);
            json.EndArray();
        }
        return json.EndObject().ToUtf8();
    }

    public static byte[] MachinePage(IReadOnlyList<Cluster.SimulatedMachine> machines, string? nextPageToken)
    {
        var json = new GoJsonWriter().BeginObject();
        if (machines.Count > 0)
        {
            json.Name("machines").BeginArray();
            foreach (var machine in machines)
            {
                json.BeginObject().OmitEmpty("id", machine.Id);
                if (machine.Metadata.Count > 0)
                {
                    json.Name("metadata").BeginObject();
                    foreach (var (key, value) in machine.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) json.Name(key).String(value);
                    json.EndObject();
                }
                json.OmitEmpty("primaryIP", machine.PublicIp).EndObject();
            }
            json.EndArray();
        }
        return json.OmitEmpty("nextPageToken", nextPageToken).EndObject().ToUtf8();
    }

    private static GoJsonWriter WriteUnit(GoJsonWriter json, FleetUnit unit)
    {
        json.BeginObject()
            .OmitEmpty("currentState", unit.CurrentState?.ToFleetString())
            .OmitEmpty("desiredState", unit.DesiredState?.ToFleetString())
            .OmitEmpty("machineID", unit.MachineId)
            .OmitEmpty("name", unit.Name);
        if (unit.Options.Count > 0)
        {
            json.Name("options").BeginArray();
            foreach (var option in unit.Options)
            {
                json.BeginObject().OmitEmpty("name", option.Name).OmitEmpty("section", option.Section).OmitEmpty("value", option.Value).EndObject();
            }
            json.EndArray();
        }
        return json.EndObject();
    }

    private static GoJsonWriter WriteState(GoJsonWriter json, UnitState state) =>
        json.BeginObject()
            .OmitEmpty("hash", state.Hash)
            .OmitEmpty("machineID", state.MachineId)
            .OmitEmpty("name", state.Name)
            .OmitEmpty("systemdActiveState", state.SystemdActiveState)
            .OmitEmpty("systemdLoadState", state.SystemdLoadState)
            .OmitEmpty("systemdSubState", state.SystemdSubState)
            .EndObject();
}
