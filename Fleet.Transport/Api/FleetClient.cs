using Fleet.Core;
using Fleet.Transport;
using Fleet.Transport.Connections;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet;

/// <summary>
/// fleet's v1 API as functions: every operation answers an <c>Either</c> of an
/// <see cref="APIError"/> or its result, and lists are async streams that fetch page after page.
/// Only the caller's cancellation throws. One client is safe for any number of concurrent
/// callers; it keeps a pool of keep-alive connections until disposed. The same client works over
/// fleet's registry in etcd (<see cref="ConnectToRegistryAsync"/>), as fleetctl's
/// <c>--driver=etcd</c> does; the operations and the conveniences are the same either way.
/// </summary>
public sealed partial class FleetClient : IAsyncDisposable, IDisposable
{
    private readonly IFleetDriver driver;

    private FleetClient(FleetEndpoint endpoint, IFleetDriver driver)
    {
        Endpoint = endpoint;
        this.driver = driver;
    }

    /// <summary>
    /// The name of the <see cref="System.Diagnostics.ActivitySource"/> and of the
    /// <see cref="System.Diagnostics.Metrics.Meter"/> that trace and measure every request, with
    /// OpenTelemetry's HTTP client semantic conventions: a Client span per attempt, and
    /// <c>http.client.request.duration</c>, <c>http.client.open_connections</c>,
    /// <c>http.client.connection.duration</c> and <c>fleet.http.client.connection.uses</c>. Give it to
    /// OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c>; nothing is recorded while nobody listens.
    /// </summary>
    public const string TelemetryName = TransportTelemetry.Name;

    /// <summary>
    /// Where this client reaches fleet: fleet's API, or over the registry the first etcd member
    /// it was given.
    /// </summary>
    public FleetEndpoint Endpoint { get; }

    /// <summary>
    /// Parses <paramref name="endpoint"/> (fleetctl's and python-fleet's forms), connects, and
    /// checks that fleet's v1 API answers there. The errors tell apart an endpoint that cannot be
    /// parsed (Validation), one that cannot be reached (Transport, Timeout), a server that is not
    /// fleet (NotFleet) and a fleet that cannot reach etcd (Http 503).
    /// </summary>
    /// <param name="endpoint">For example <c>unix:///var/run/fleet.sock</c> or <c>http://10.0.0.1:49153</c>.</param>
    /// <param name="options">Transport and logging; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    public static async Task<Either<APIError, FleetClient>> ConnectAsync(string endpoint, FleetClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (FleetEndpoint.Parse(endpoint).Failed(out var parsed, out var error)) return error;
        return await ConnectAsync(parsed, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects to a parsed endpoint and checks that fleet's v1 API answers there.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="options">Transport and logging; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    public static async Task<Either<APIError, FleetClient>> ConnectAsync(FleetEndpoint endpoint, FleetClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= FleetClientOptions.Default;
        if (Connectors.For(endpoint, options.Transport).Failed(out var connector, out var error)) return error;
        var api = new ApiDriver(endpoint, new ConnectionPool(connector, options.Transport, options.Logger, endpoint));
        return await CheckedAsync(new FleetClient(endpoint, api), api.DiscoverAsync, cancellationToken).ConfigureAwait(false);
    }

    // The new client if its first request succeeds; closed again if it fails or throws.
    private static async Task<Either<APIError, FleetClient>> CheckedAsync(FleetClient client, Func<CancellationToken, Task<Either<APIError, Unit>>> check, CancellationToken cancellationToken)
    {
        try
        {
            if ((await check(cancellationToken).ConfigureAwait(false)).Failed(out _, out var error))
            {
                await client.DisposeAsync().ConfigureAwait(false);
                return error;
            }
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes every connection. Requests still running end with a Transport error.</summary>
    public ValueTask DisposeAsync() => driver.DisposeAsync();

    /// <summary>
    /// Closes every connection without waiting for an answer on any, for callers that cannot await
    /// (a container disposed synchronously). Requests still running end with a Transport error and
    /// their connections are closed when they end. A supplied connector
    /// (<see cref="Transport.HttpTransportOptions.Connector"/>) is disposed here too, which can block
    /// for as long as its own disposal does (a tunnel's session may take up to its timeout); prefer
    /// <see cref="DisposeAsync"/> where you can await.
    /// </summary>
    public void Dispose() => driver.Dispose();
}
