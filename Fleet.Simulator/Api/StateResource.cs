using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.Simulator.Wire;
using Microsoft.AspNetCore.Http;
using static Fleet.Simulator.Api.FleetAnswers;

namespace Fleet.Simulator.Api;

/// <summary><c>/state</c> and <c>/state/NAME</c>: the unit states the agents publish, filtered by machine and unit (fleet's api/state.go).</summary>
internal sealed class StateResource(SimulatedCluster cluster, ServerFaults faults)
{
    public Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query, string? item)
    {
        if (context.Request.Method != "GET") return item == "" ? ErrorAsync(context, 404, "") : ErrorAsync(context, 405, "only GET supported against this resource");
        if (item is null) return ListStatesAsync(context, query);
        if (item.Length == 0) return ErrorAsync(context, 404, "");
        if (faults.EtcdFailing) return ErrorAsync(context, 500, "");
        var state = cluster.Report.StatesOf(item).FirstOrDefault();
        if (state is null)
        {
            // fleet v1.0.0 dereferences the missing state and its handler panics: Go closes
            // the connection without a byte of answer.
            context.Response.Headers[GoWireFormat.HangUpMarker] = "1";
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        }
        return SendAsync(context, 200, FleetJson.State(state));
    }

    private Task ListStatesAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query)
    {
        var (token, error) = PageToken.FromQuery(query.Get("nextPageToken"));
        if (error is not null) return ErrorAsync(context, 400, error);
        if (faults.EtcdFailing) return ErrorAsync(context, 500, "");
        var machine = query.Get("machineID").FirstOrDefault() ?? "";
        var unit = query.Get("unitName").FirstOrDefault() ?? "";
        var (items, next) = token.Slice(Filter(cluster.Report, machine, unit));
        return SendAsync(context, 200, FleetJson.StatePage(items, next?.Encode()));
    }

    // Unfiltered, the page is read by index from the sorted states; one unit's states are found
    // in them by name. Only a machine filter alone walks them all.
    private static IReadOnlyList<UnitState> Filter(AgentReport report, string machine, string unit)
    {
        if (unit.Length > 0) return [.. report.StatesOf(unit).Where(s => machine.Length == 0 || s.MachineId == machine)];
        if (machine.Length > 0) return [.. report.States.Where(s => s.MachineId == machine)];
        return report.States;
    }
}
