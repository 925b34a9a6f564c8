using System.Text;
using Fleet.Simulator.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using static Fleet.Simulator.Api.FleetAnswers;

namespace Fleet.Simulator.Api;

/// <summary>
/// fleet v1.0.0's API over a registry (in memory or in etcd): Go's ServeMux in front of one handler per
/// resource, as fleet's api/ package has them (discovery, machines, units, state). Paths are
/// matched after percent-decoding, unclean paths are redirected (301), <c>/</c> and the bare
/// prefixes are 405, anything else unknown is 404, and every answer but the 503 carries
/// <c>Server: fleetd/v1.0.0</c>.
/// </summary>
internal sealed class FleetApi(IRegistry registry, ServerFaults faults)
{
    public const string ServerHeader = "fleetd/v1.0.0";

    private readonly MachinesResource machines = new(registry, faults);
    private readonly UnitsResource units = new(registry, faults);
    private readonly StateResource states = new(registry, faults);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers[GoWireFormat.RefusalMarker] is [{ } refusal])
        {
            // Go's server refused this request before any handler: the answer side writes its words.
            context.Response.Headers[GoWireFormat.RefusalMarker] = refusal;
            return;
        }
        if (request.Protocol == "HTTP/1.0") context.Response.Headers[GoWireFormat.VersionMarker] = "1.0";
        if (request.Method == "HEAD") context.Response.Headers[GoWireFormat.NoBodyMarker] = "1";
        if (faults.Latency > TimeSpan.Zero) await Task.Delay(faults.Latency, context.RequestAborted).ConfigureAwait(false);

        if (faults.EtcdUnreachable)
        {
            // fleetd answers this before its middleware runs: no Server header.
            await SendAsync(context, 503, FleetJson.Error(503, "fleet server unable to communicate with etcd")).ConfigureAwait(false);
            return;
        }
        context.Response.Headers.Server = ServerHeader;

        var raw = OriginForm(context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/");
        var question = raw.IndexOf('?');
        var rawPath = question < 0 ? raw : raw[..question];
        var rawQuery = question < 0 ? null : raw[(question + 1)..];
        var path = MuxPath.Unescape(rawPath);
        if (path is null)
        {
            await SendAsync(context, 400, FleetJson.Error(400, "")).ConfigureAwait(false);
            return;
        }
        var clean = MuxPath.Clean(path);
        if (clean != path)
        {
            await RedirectAsync(context, clean + (rawQuery is null ? "" : "?" + rawQuery)).ConfigureAwait(false);
            return;
        }

        var query = GoQuery.Parse(rawQuery);
        foreach (var prefix in (string[])["/fleet/v1", "/v1-alpha"])
        {
            if (path == prefix)
            {
                await ErrorAsync(context, 405, "").ConfigureAwait(false);
                return;
            }
            if (!path.StartsWith(prefix + "/", StringComparison.Ordinal)) continue;
            var rest = path[(prefix.Length + 1)..];
            var handled = rest switch
            {
                "discovery" => DiscoveryResource.HandleAsync(context),
                "machines" => machines.HandleAsync(context, query),
                "units" => units.HandleAsync(context, query, item: null),
                "state" => states.HandleAsync(context, query, item: null),
                _ when rest.StartsWith("units/", StringComparison.Ordinal) => units.HandleAsync(context, query, ItemOf(rest["units/".Length..])),
                _ when rest.StartsWith("state/", StringComparison.Ordinal) => states.HandleAsync(context, query, ItemOf(rest["state/".Length..])),
                _ => null,
            };
            if (handled is null) break;
            await handled.ConfigureAwait(false);
            return;
        }
        await ErrorAsync(context, path == "/" ? 405 : 404, "").ConfigureAwait(false);
    }

    // An absolute-form target (http://host/path) routes by its path, as Go's URL parsing gives it to the mux.
    private static string OriginForm(string target)
    {
        var scheme = target.IndexOf("://", StringComparison.Ordinal);
        if (target.StartsWith('/') || scheme < 0) return target;
        var path = target.IndexOfAny(['/', '?'], scheme + 3);
        return path < 0 ? "/" : target[path] == '?' ? "/" + target[path..] : target[path..];
    }

    // fleet's isItemPath: one more segment, not empty, no trailing slash; "" means no item.
    private static string ItemOf(string rest) => rest.Length == 0 || rest.Contains('/') ? "" : rest;

    private static Task RedirectAsync(HttpContext context, string location)
    {
        var response = context.Response;
        response.StatusCode = 301;
        response.Headers.Location = location;
        if (context.Request.Method is not ("GET" or "HEAD")) return Task.CompletedTask;
        response.ContentType = "text/html; charset=utf-8";
        var body = Encoding.UTF8.GetBytes($"<a href=\"{System.Net.WebUtility.HtmlEncode(location)}\">Moved Permanently</a>.\n\n");
        response.ContentLength = body.Length;
        return context.Request.Method == "HEAD" ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
