using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fleet.Core;
using Fleet.Core.Text;
using Fleet.Transport;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet;

/// <summary>
/// fleet's v1 HTTP API as the driver of a <see cref="FleetClient"/>: every operation is one
/// request (a list, one per page of 100) over a pool of keep-alive connections, and fleet's
/// answers are read into entities or <see cref="APIError"/>s in fleet's words.
/// </summary>
internal sealed partial class ApiDriver : IFleetDriver
{
    // fleet numbers pages with a uint16.
    private const int MaxPages = ushort.MaxValue;

    private readonly FleetEndpoint endpoint;
    private readonly ConnectionPool pool;
    private readonly FleetTargets targets;
    private readonly string host;

    public ApiDriver(FleetEndpoint endpoint, ConnectionPool pool)
    {
        this.endpoint = endpoint;
        this.pool = pool;
        targets = new FleetTargets(endpoint.BasePath);
        host = endpoint.HostHeader;
    }

    public ValueTask DisposeAsync() => pool.DisposeAsync();

    public void Dispose() => pool.Dispose();

    /// <summary>Checks that fleet's v1 API answers: its discovery document, with id <c>fleet:v1</c>.</summary>
    public async Task<Either<APIError, Unit>> DiscoverAsync(CancellationToken cancellationToken)
    {
        var target = targets.Discovery;
        return await pool.SendAsync(new HttpRequest("GET", target, host), response =>
        {
            if (response.StatusCode == 503) return FleetResponses.ErrorOf(response);
            if (response.StatusCode != 200)
            {
                return NotFleet($"GET {target} answered {response.StatusCode}", response);
            }
            try
            {
                var reader = new Utf8JsonReader(response.Body);
                var document = JsonSerializer.Deserialize(ref reader, FleetJsonContext.Default.DiscoveryDocument);
                return document?.Id == "fleet:v1"
                    ? Unit.Default
                    : NotFleet($"its discovery document has id {GoQuoting.Quote(document?.Id ?? "")}, not \"fleet:v1\"", response);
            }
            catch (JsonException)
            {
                return NotFleet($"GET {target} answered something other than JSON", response);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private Either<APIError, Unit> NotFleet(string why, HttpResponse response) =>
        new APIError(ErrorKind.NotFleet, $"{endpoint} is not fleet's v1 API: {why}") { Code = response.StatusCode, Received = ReceivedBytes.Show(response.Body) };

    private async Task<Either<APIError, T>> GetAsync<T>(string target, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await GetPooledAsync(target, type, cancellationToken).ConfigureAwait(false);

    // The request's state travels as the handler's argument, not in a closure: nothing is
    // allocated per request beyond the request, its target and the caller's task.
    private ValueTask<Either<APIError, T>> GetPooledAsync<T>(string target, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        pool.SendAsync(new HttpRequest("GET", target, host), (type, target), static (response, get) => FleetResponses.Entity(response, get.type, get.target), cancellationToken);

    private async Task<Either<APIError, Unit>> SendAsync(string method, string target, byte[]? body, int success, CancellationToken cancellationToken) =>
        await pool.SendAsync(new HttpRequest(method, target, host, body), success, static (response, success) => FleetResponses.Done(response, success), cancellationToken).ConfigureAwait(false);

    private async Task<Either<APIError, Unit>> SendAsync(string method, string target, byte[]? body, Func<HttpResponse, Either<APIError, Unit>> done, CancellationToken cancellationToken) =>
        await pool.SendAsync(new HttpRequest(method, target, host, body), done, cancellationToken).ConfigureAwait(false);

    // The name has been checked with fleet's rules; the target can still refuse "." and "..".
    private static async Task<Either<APIError, T>> UnitRequestAsync<T>(string name, Func<string, Task<Either<APIError, T>>> send, Func<string, Either<APIError, string>> target)
    {
        if (target(name).Failed(out var valid, out var error)) return error;
        return await send(valid).ConfigureAwait(false);
    }

    private Task<Either<APIError, T>> UnitRequestAsync<T>(string name, Func<string, Task<Either<APIError, T>>> send) =>
        UnitRequestAsync(name, send, targets.Unit);

    private async IAsyncEnumerable<Either<APIError, T>> PagesAsync<TPage, T>(
        Func<string?, string> target, JsonTypeInfo<TPage> type, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TPage : IPage<T>
    {
        string? token = null;
        var pages = 0;
        do
        {
            if ((await GetPooledAsync(target(token), type, cancellationToken).ConfigureAwait(false)).Failed(out var items, out var error))
            {
                yield return error;
                yield break;
            }
            foreach (var item in items.Items) yield return item;
            var previous = token;
            token = items.NextPageToken;
            // A server that hands out the same token again, or more pages than fleet's uint16 page
            // number can count, would page forever; checking that keeps the stream's memory constant.
            if (!string.IsNullOrEmpty(token) && (token == previous || ++pages > MaxPages))
            {
                yield return new APIError(ErrorKind.Protocol, token == previous
                    ? $"fleet sent the page token {token} twice"
                    : $"fleet sent more than {MaxPages} pages");
                yield break;
            }
        }
        while (!string.IsNullOrEmpty(token));
    }
}
