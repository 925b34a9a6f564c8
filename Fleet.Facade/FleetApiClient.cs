using Fleet.Core;

namespace Fleet.Facade;

/// <summary>
/// fleet's v1 API for C#, in python-fleet's manner: each method does what the same-named method of
/// the functional <see cref="FleetClient"/> does, and throws when that returns an error —
/// <see cref="FleetApiException"/> for fleet's HTTP errors, <see cref="ArgumentException"/>
/// (<see cref="FleetArgumentException"/>) for input refused before sending, and
/// <see cref="FleetConnectionException"/>, <see cref="FleetSshException"/>,
/// <see cref="FleetTimeoutException"/>, <see cref="FleetProtocolException"/> and
/// <see cref="UnitFileFormatException"/> for the rest. Every one carries the functional layer's
/// <see cref="APIError"/> (<see cref="IFleetError"/>). Only cancellation is an
/// <see cref="OperationCanceledException"/>. Safe for concurrent callers; owns
/// <see cref="Functional"/> and disposes it.
/// </summary>
public sealed partial class FleetApiClient : IAsyncDisposable, IDisposable
{
    /// <summary>Wraps a connected functional client, for code that mixes both styles; disposing this disposes it.</summary>
    /// <param name="functional">The functional client.</param>
    public FleetApiClient(FleetClient functional) =>
        Functional = functional ?? throw new ArgumentNullException(nameof(functional));

    /// <summary>The functional client underneath, whose methods answer <c>Either</c> results instead of throwing.</summary>
    public FleetClient Functional { get; }

    /// <summary>Where this client reaches fleet.</summary>
    public FleetEndpoint Endpoint => Functional.Endpoint;

    /// <summary>
    /// Parses <paramref name="endpoint"/> (fleetctl's and python-fleet's forms), connects, and
    /// checks that fleet's v1 API answers there.
    /// </summary>
    /// <param name="endpoint">For example <c>unix:///var/run/fleet.sock</c>, <c>http+unix://%2Fvar%2Frun%2Ffleet.sock</c> or <c>http://10.0.0.1:49153</c>.</param>
    /// <param name="options">Transport (including the SSH tunnel) and logging; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ArgumentException">The endpoint does not parse (fleetctl's message).</exception>
    /// <exception cref="FleetConnectionException">Nothing answers there.</exception>
    /// <exception cref="FleetSshException">The SSH tunnel failed.</exception>
    /// <exception cref="FleetTimeoutException">Connecting or the discovery request took too long.</exception>
    /// <exception cref="FleetProtocolException">Something answers, but not fleet's v1 API.</exception>
    /// <exception cref="FleetApiException">fleet answers but cannot reach etcd (503).</exception>
    public static async Task<FleetApiClient> ConnectAsync(string endpoint, FleetClientOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await FleetClient.ConnectAsync(endpoint, options, cancellationToken).OrThrowAsync().ConfigureAwait(false));

    /// <summary>Connects to a parsed endpoint and checks that fleet's v1 API answers there.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="options">Transport (including the SSH tunnel) and logging; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="FleetConnectionException">Nothing answers there.</exception>
    /// <exception cref="FleetSshException">The SSH tunnel failed.</exception>
    /// <exception cref="FleetTimeoutException">Connecting or the discovery request took too long.</exception>
    /// <exception cref="FleetProtocolException">Something answers, but not fleet's v1 API.</exception>
    /// <exception cref="FleetApiException">fleet answers but cannot reach etcd (503).</exception>
    public static async Task<FleetApiClient> ConnectAsync(FleetEndpoint endpoint, FleetClientOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await FleetClient.ConnectAsync(endpoint, options, cancellationToken).OrThrowAsync().ConfigureAwait(false));

    /// <summary>
    /// Makes a client that reads and writes fleet's registry in etcd directly, as fleetctl's
    /// <c>--driver=etcd</c> does, and checks that etcd answers (see
    /// <see cref="FleetClient.ConnectToRegistryAsync"/> for how it differs from fleetctl).
    /// </summary>
    /// <param name="etcdEndpoints">The etcd members' URLs, such as <c>http://10.0.0.1:2379</c>.</param>
    /// <param name="options">The key prefix and the etcd client's options (timeout, TLS, SSH tunnel); defaults when null.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="FleetArgumentException">An endpoint is not an etcd URL.</exception>
    /// <exception cref="FleetConnectionException">No member answers.</exception>
    /// <exception cref="FleetSshException">The SSH tunnel failed.</exception>
    /// <exception cref="FleetTimeoutException">No member answered in time.</exception>
    /// <exception cref="FleetApiException">etcd answers with an error.</exception>
    public static async Task<FleetApiClient> ConnectToRegistryAsync(IEnumerable<string> etcdEndpoints, Transport.Registry.FleetRegistryOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await FleetClient.ConnectToRegistryAsync(etcdEndpoints, options, cancellationToken).OrThrowAsync().ConfigureAwait(false));

    /// <summary>Closes every connection of <see cref="Functional"/>.</summary>
    /// <returns>When the connections are closed.</returns>
    public ValueTask DisposeAsync() => Functional.DisposeAsync();

    /// <summary>Closes every connection of <see cref="Functional"/> without waiting on any (see <see cref="FleetClient.Dispose"/>).</summary>
    public void Dispose() => Functional.Dispose();
}
