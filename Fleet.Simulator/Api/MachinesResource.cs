using Fleet.Core;
using Microsoft.AspNetCore.Http;
using static Fleet.Simulator.Api.FleetAnswers;

namespace Fleet.Simulator.Api;

/// <summary><c>/machines</c>: the machine list and its metadata edits (fleet's api/machines.go).</summary>
internal sealed class MachinesResource(IRegistry registry, ServerFaults faults)
{
    public Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query) => context.Request.Method switch
    {
        "GET" => ListMachinesAsync(context, query),
        "PATCH" => PatchMachinesAsync(context),
        _ => ErrorAsync(context, 405, "only GET and PATCH supported against this resource"),
    };

    private async Task ListMachinesAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query)
    {
        var (token, error) = PageToken.FromQuery(query.Get("nextPageToken"));
        if (error is not null)
        {
            await ErrorAsync(context, 400, error).ConfigureAwait(false);
            return;
        }
        if (faults.EtcdFailing || (await registry.MachinePageAsync(token, context.RequestAborted).ConfigureAwait(false)).Failed(out var page, out _))
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }
        await SendAsync(context, 200, FleetJson.MachinePage(page.Items, page.Next?.Encode())).ConfigureAwait(false);
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
            var set = await registry.SetMetadataAsync(paths[i].Machine, paths[i].Key, ops[i].Op == "remove" ? null : ops[i].Value, context.RequestAborted).ConfigureAwait(false);
            if (set.Failed(out _, out var failure))
            {
                // fleet answers the registry's error here, not an empty message.
                await ErrorAsync(context, 500, failure.Message).ConfigureAwait(false);
                return;
            }
        }
        // fleet marshals a nil body: Go keeps the Content-Type and drops the "null".
        context.Response.StatusCode = 204;
        context.Response.ContentType = "application/json";
    }
}
