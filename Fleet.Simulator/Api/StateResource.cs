using Fleet.Core;
using Fleet.Simulator.Wire;
using Microsoft.AspNetCore.Http;
using static Fleet.Simulator.Api.FleetAnswers;

namespace Fleet.Simulator.Api;

/// <summary><c>/state</c> and <c>/state/NAME</c>: the unit states the agents publish, filtered by machine and unit (fleet's api/state.go).</summary>
internal sealed class StateResource(IRegistry registry, ServerFaults faults)
{
    public Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query, string? item)
    {
        if (context.Request.Method != "GET") return item == "" ? ErrorAsync(context, 404, "") : ErrorAsync(context, 405, "only GET supported against this resource");
        if (item is null) return ListStatesAsync(context, query);
        if (item.Length == 0) return ErrorAsync(context, 404, "");
        return GetStateAsync(context, item);
    }

    private async Task GetStateAsync(HttpContext context, string name)
    {
        if (faults.EtcdFailing || (await registry.UnitStateAsync(name, context.RequestAborted).ConfigureAwait(false)).Failed(out var found, out _))
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }
        if (found.Case is not UnitState state)
        {
            // fleet v1.0.0 dereferences the missing state and its handler panics: Go closes
            // the connection without a byte of answer.
            context.Response.Headers[GoWireFormat.HangUpMarker] = "1";
            context.Response.StatusCode = 500;
            return;
        }
        await SendAsync(context, 200, FleetJson.State(state)).ConfigureAwait(false);
    }

    private async Task ListStatesAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query)
    {
        var (token, error) = PageToken.FromQuery(query.Get("nextPageToken"));
        if (error is not null)
        {
            await ErrorAsync(context, 400, error).ConfigureAwait(false);
            return;
        }
        var machine = query.Get("machineID").FirstOrDefault() ?? "";
        var unit = query.Get("unitName").FirstOrDefault() ?? "";
        if (faults.EtcdFailing || (await registry.StatePageAsync(token, machine, unit, context.RequestAborted).ConfigureAwait(false)).Failed(out var page, out _))
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }
        await SendAsync(context, 200, FleetJson.StatePage(page.Items, page.Next?.Encode())).ConfigureAwait(false);
    }
}
