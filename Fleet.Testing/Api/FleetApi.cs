using System.Text;
using Fleet.Core;
using Fleet.Testing.Cluster;
using Fleet.Testing.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Fleet.Testing.Api;

/// <summary>
/// fleet v1.0.0's API handlers over a simulated cluster, with Go's ServeMux in front: paths are
/// matched after percent-decoding, unclean paths are redirected (301), <c>/</c> and the bare
/// prefixes are 405, anything else unknown is 404, and every answer but the 503 carries
/// <c>Server: fleetd/v1.0.0</c>.
/// </summary>
internal sealed class FleetApi(SimulatedCluster cluster, ServerFaults faults)
{
    public const string ServerHeader = "fleetd/v1.0.0";
    private const int ChunkAbove = 2048;

    private static readonly byte[] Discovery = LoadDiscovery();

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
        var path = GoPath.Unescape(rawPath);
        if (path is null)
        {
            await SendAsync(context, 400, FleetJson.Error(400, "")).ConfigureAwait(false);
            return;
        }
        var clean = GoPath.Clean(path);
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
                "discovery" => DiscoveryAsync(context),
                "machines" => MachinesAsync(context, query),
                "units" => UnitsAsync(context, query, item: null),
                "state" => StatesAsync(context, query, item: null),
                _ when rest.StartsWith("units/", StringComparison.Ordinal) => UnitsAsync(context, query, ItemOf(rest["units/".Length..])),
                _ when rest.StartsWith("state/", StringComparison.Ordinal) => StatesAsync(context, query, ItemOf(rest["state/".Length..])),
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

    private static Task DiscoveryAsync(HttpContext context) =>
        context.Request.Method != "GET"
            ? ErrorAsync(context, 400, "only HTTP GET supported against this resource")
            : SendAsync(context, 200, Discovery);

    private Task MachinesAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query) => context.Request.Method switch
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
            if (GoPath.MetadataPath(op.Path) is not { } target)
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

    private Task UnitsAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query, string? item)
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
        var file = Unit.UnitFile.FromOptions(body.Options);
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
    private static string? UnitOptionCheck(Unit.UnitFile file) => file.Validate().MatchUnsafe(_ => null, e => e.Message);

    private Task StatesAsync(HttpContext context, IReadOnlyDictionary<string, List<string>> query, string? item)
    {
        if (context.Request.Method != "GET") return item == "" ? ErrorAsync(context, 404, "") : ErrorAsync(context, 405, "only GET supported against this resource");
        if (item is null) return ListStatesAsync(context, query);
        if (item.Length == 0) return ErrorAsync(context, 404, "");
        if (faults.EtcdFailing) return ErrorAsync(context, 500, "");
        var state = cluster.States.FirstOrDefault(s => s.Name == item);
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
        var states = cluster.States.Where(s => (machine.Length == 0 || s.MachineId == machine) && (unit.Length == 0 || s.Name == unit)).ToList();
        var (items, next) = token.Slice(states);
        return SendAsync(context, 200, FleetJson.StatePage(items, next?.Encode()));
    }

    // fleet's validateContentType: exactly one header, its media type exactly application/json.
    private static string? ContentTypeError(HttpRequest request)
    {
        var values = request.Headers.ContentType;
        if (values.Count != 1) return $"expected 1 Content-Type, got {values.Count}";
        var media = values[0]!.Split(';', 2)[0].Trim();
        return media == "application/json" ? null : "only acceptable Content-Type is application/json";
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static Task ErrorAsync(HttpContext context, int code, string message) => SendAsync(context, code, FleetJson.Error(code, message));

    // Go's server sends a body of up to 2048 bytes with Content-Length and a longer one chunked,
    // in one chunk, since fleet writes it in one call.
    private static async Task SendAsync(HttpContext context, int code, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = code;
        response.ContentType = "application/json";
        if (body.Length <= ChunkAbove) response.ContentLength = body.Length;
        if (context.Request.Method == "HEAD") return;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

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

    private static string Quote(string text) => Core.Text.GoQuoting.Quote(text);

    private static byte[] LoadDiscovery()
    {
        using var stream = typeof(FleetApi).Assembly.GetManifestResourceStream("Fleet.Testing.discovery.json")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
