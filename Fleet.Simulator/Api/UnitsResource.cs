using Fleet.Core;
using Fleet.UnitFiles;
using Fleet.Simulator.Cluster;
using Microsoft.AspNetCore.Http;
using static Fleet.Simulator.Api.FleetAnswers;

namespace Fleet.Simulator.Api;

/// <summary><c>/units</c> and <c>/units/NAME</c>: list, get, create, replace, change the desired state, destroy (fleet's api/units.go).</summary>
internal sealed class UnitsResource(SimulatedCluster cluster, ServerFaults faults)
{
    public Task HandleAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query, string? item)
    {
        if (item is null)
        {
            return context.Request.Method == "GET" ? ListUnitsAsync(context, query) : ErrorAsync(context, 405, "only GET supported against this resource");
        }
        if (item.Length == 0) return ErrorAsync(context, 404, "");
        return context.Request.Method switch
        {
            "GET" => GetUnitAsync(context, item),
            "DELETE" => DestroyUnitAsync(context, item),
            "PUT" => PutUnitAsync(context, item),
            _ => ErrorAsync(context, 405, "only GET, PUT and DELETE supported against this resource"),
        };
    }

    private Task ListUnitsAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query)
    {
        var (token, error) = PageToken.FromQuery(query.Get("nextPageToken"));
        if (error is not null) return ErrorAsync(context, 400, error);
        if (faults.EtcdFailing) return ErrorAsync(context, 500, "");
        var (stored, next) = token.Slice(cluster.ListedUnits);
        var items = stored.Select(unit => cluster.ToEntity(unit, listed: true)!).ToList();
        return SendAsync(context, 200, FleetJson.UnitPage(items, next?.Encode()));
    }

    private Task GetUnitAsync(HttpContext context, string name)
    {
        if (faults.EtcdFailing) return ErrorAsync(context, 500, "");
        var stored = cluster.Find(name);
        if (stored is null) return ErrorAsync(context, 404, "unit does not exist");
        return cluster.ToEntity(stored, listed: false) is { } unit ? SendAsync(context, 200, FleetJson.Unit(unit)) : ErrorAsync(context, 500, "");
    }

    private Task DestroyUnitAsync(HttpContext context, string name)
    {
        if (faults.EtcdFailing) return ErrorAsync(context, 500, "");
        var stored = cluster.Find(name);
        if (stored is null) return ErrorAsync(context, 404, "unit does not exist");
        if (cluster.ToEntity(stored, listed: false) is null) return ErrorAsync(context, 500, "");
        cluster.Destroy(name);
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private async Task PutUnitAsync(HttpContext context, string item)
    {
        if (ContentTypeError(context.Request) is { } contentType)
        {
            await ErrorAsync(context, 415, contentType).ConfigureAwait(false);
            return;
        }
        var (body, error) = RequestBodies.Unit(await ReadBodyAsync(context).ConfigureAwait(false));
        if (body is null)
        {
            await ErrorAsync(context, 400, "unable to decode body: " + error).ConfigureAwait(false);
            return;
        }
        var name = body.Name.Length == 0 ? item : body.Name;
        if (name != item)
        {
            await ErrorAsync(context, 400, $"name in URL {Quote(item)} differs from unit name in request body {Quote(name)}").ConfigureAwait(false);
            return;
        }
        if (UnitNames.Validate(name).MatchUnsafe(_ => null, e => e.Message) is { } invalidName)
        {
            await ErrorAsync(context, 400, invalidName).ConfigureAwait(false);
            return;
        }
        if (faults.EtcdFailing)
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }

        var existing = cluster.Find(name);
        var file = UnitFile.FromOptions(body.Options);
        var create = false;
        if (existing is null)
        {
            if (body.Options.Count == 0)
            {
                await ErrorAsync(context, 409, "unit does not exist and options field empty").ConfigureAwait(false);
                return;
            }
            if (UnitOptionCheck(file) is { } invalid)
            {
                await ErrorAsync(context, 400, invalid).ConfigureAwait(false);
                return;
            }
            create = true;
        }
        else if (body.Options.Count > 0)
        {
            create = file.Hash != existing.File.Hash;
        }

        if (create)
        {
            // An unknown desired state fails fleet's registry write: 500, nothing stored.
            var state = body.DesiredState.Length == 0 ? "inactive" : body.DesiredState;
            if (state is not ("inactive" or "loaded" or "launched"))
            {
                await ErrorAsync(context, 500, "").ConfigureAwait(false);
                return;
            }
            cluster.Put(name, file, state);
            context.Response.StatusCode = 201;
            return;
        }
        if (body.DesiredState.Length == 0)
        {
            await ErrorAsync(context, 409, "must provide DesiredState to update existing unit").ConfigureAwait(false);
            return;
        }
        if (UnitNameInfo.Parse(name).Match(info => info.IsTemplate, _ => false) && body.DesiredState != "inactive")
        {
            await ErrorAsync(context, 400, $"cannot activate template {Quote(name)}").ConfigureAwait(false);
            return;
        }
        // fleet stores the desired state of an existing unit unchecked.
        cluster.SetTargetState(name, body.DesiredState);
        context.Response.StatusCode = 204;
    }

    // go-systemd's and fleet's own wording, as fleet's 400s carry it.
    private static string? UnitOptionCheck(UnitFile file) => file.Validate().MatchUnsafe(_ => null, e => e.Message);

    // fleet's validateContentType: exactly one header, its media type exactly application/json.
    private static string? ContentTypeError(HttpRequest request)
    {
        var values = request.Headers.ContentType;
        if (values.Count != 1) return $"expected 1 Content-Type, got {values.Count}";
        var media = values[0]!.Split(';', 2)[0].Trim();
        return media == "application/json" ? null : "only acceptable Content-Type is application/json";
    }

    private static string Quote(string text) => Core.Text.GoQuoting.Quote(text);
}
