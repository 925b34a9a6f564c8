using Fleet.Simulator.Cluster;
using Microsoft.AspNetCore.Http;
using static Fleet.Simulator.Api.FleetAnswers;

namespace Fleet.Simulator.Api;

/// <summary><c>/machines</c>: the machine list and its metadata edits (fleet's api/machines.go).</summary>
internal sealed class MachinesResource(SimulatedCluster cluster, ServerFaults faults)
{
    public Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query) => context.Request.Method switch
    {
        "GET" => ListMachinesAsync(context, query),
        "PATCH" => PatchMachinesAsync(context),
        _ => ErrorAsync(context, 405, "only GET and PATCH supported against this resource"),
    };

    private Task ListMachinesAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query)
    {
        var (token, error) = PageToken.FromQuery(query.Get("nextPageToken"));
        if (error is not null) return ErrorAsync(context, 400, error);
        if (faults.EtcdFailing) return ErrorAsync(context, 500, "");
        var (items, next) = token.Slice(cluster.Machines);
        return SendAsync(context, 200, FleetJson.MachinePage(items, next?.Encode()));
    }

    private async Task PatchMachinesAsync(HttpContext context)
    {
        var (ops, error) = RequestBodies.MachineOps(await ReadBodyAsync(context).ConfigureAwait(false));
        if (ops is null)
        {
            await ErrorAsync(context, 400, error!).ConfigureAwait(false);
            return;
        }
        var paths = new List<(string Machine, string Key)>();
        foreach (var op in ops)
        {
            if (op.Op is not ("add" or "remove" or "replace"))
            {
                await ErrorAsync(context, 400, "invalid op: expect add, remove, or replace").ConfigureAwait(false);
                return;
            }
            if (MuxPath.MetadataPath(op.Path) is not { } target)
            {
                await ErrorAsync(context, 400, "machine metadata path invalid").ConfigureAwait(false);
                return;
            }
            if (op.Op != "remove" && op.Value.Length == 0)
            {
                await ErrorAsync(context, 400, "invalid value: add and replace require a value").ConfigureAwait(false);
                return;
            }
            paths.Add(target);
        }
        for (var i = 0; i < ops.Count; i++)
        {
            if (faults.EtcdFailing)
            {
                await ErrorAsync(context, 500, ServerFaults.EtcdFailureMessage).ConfigureAwait(false);
                return;
            }
            cluster.SetMetadata(paths[i].Machine, paths[i].Key, ops[i].Op == "remove" ? null : ops[i].Value);
        }
        // fleet marshals a nil body: Go keeps the Content-Type and drops the "null".
        context.Response.StatusCode = 204;
        context.Response.ContentType = "application/json";
    }
}
