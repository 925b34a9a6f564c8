using Fleet.Core;
using Fleet.UnitFiles;
using Microsoft.AspNetCore.Http;
using static Fleet.Simulator.Api.FleetAnswers;

namespace Fleet.Simulator.Api;

/// <summary><c>/units</c> and <c>/units/NAME</c>: list, get, create, replace, change the desired state, destroy (fleet's api/units.go).</summary>
internal sealed class UnitsResource(IRegistry registry, ServerFaults faults)
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

    private async Task ListUnitsAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query)
    {
        var (token, error) = PageToken.FromQuery(query.Get("nextPageToken"));
        if (error is not null)
        {
            await ErrorAsync(context, 400, error).ConfigureAwait(false);
            return;
        }
        if (faults.EtcdFailing || (await registry.UnitPageAsync(token, context.RequestAborted).ConfigureAwait(false)).Failed(out var page, out _))
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }
        await SendAsync(context, 200, FleetJson.UnitPage(page.Items, page.Next?.Encode())).ConfigureAwait(false);
    }

    private async Task GetUnitAsync(HttpContext context, string name)
    {
        if (faults.EtcdFailing || (await registry.UnitAsync(name, context.RequestAborted).ConfigureAwait(false)).Failed(out var found, out _))
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }
        if (found.Case is FleetUnit unit) await SendAsync(context, 200, FleetJson.Unit(unit)).ConfigureAwait(false);
        else await ErrorAsync(context, 404, "unit does not exist").ConfigureAwait(false);
    }

    private async Task DestroyUnitAsync(HttpContext context, string name)
    {
        if (faults.EtcdFailing || (await registry.UnitAsync(name, context.RequestAborted).ConfigureAwait(false)).Failed(out var found, out _))
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }
        if (found.IsNone)
        {
            await ErrorAsync(context, 404, "unit does not exist").ConfigureAwait(false);
            return;
        }
        if ((await registry.DestroyUnitAsync(name, context.RequestAborted).ConfigureAwait(false)).IsLeft)
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = 204;
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
        if (faults.EtcdFailing || (await registry.UnitAsync(name, context.RequestAborted).ConfigureAwait(false)).Failed(out var found, out _))
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }

        var existing = found.Case as FleetUnit;
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
            create = file.Hash != UnitFile.FromOptions(existing.Options).Hash;
        }

        if (create)
        {
            // An unknown desired state fails fleet's registry write: 500, nothing stored.
            var state = body.DesiredState.Length == 0 ? "inactive" : body.DesiredState;
            if (DesiredStates.Parse(state).Failed(out var desired, out _)
                || (await registry.CreateUnitAsync(name, file, desired, context.RequestAborted).ConfigureAwait(false)).IsLeft)
            {
                await ErrorAsync(context, 500, "").ConfigureAwait(false);
                return;
            }
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
        if ((await registry.SetTargetStateAsync(name, body.DesiredState, context.RequestAborted).ConfigureAwait(false)).IsLeft)
        {
            await ErrorAsync(context, 500, "").ConfigureAwait(false);
            return;
        }
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
