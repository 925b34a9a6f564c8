using Fleet.Core;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using LanguageExt;

namespace Fleet;

public sealed partial class FleetClient
{
    /// <summary>
    /// Makes a client that reads and writes fleet's registry in etcd directly, as fleetctl's
    /// <c>--driver=etcd</c> does, and checks that etcd answers there (it reads
    /// <c>machines</c>, fleetctl's first request too). Every operation and convenience works as
    /// over fleet's API, with the same results and fleet's API's messages.
    /// </summary>
    /// <param name="etcdEndpoints">The etcd members' URLs (<c>http://10.0.0.1:2379</c>, <c>https://...</c>), tried as etcd's own client tries them.</param>
    /// <param name="options">The key prefix (fleet's <c>/_coreos.com/fleet/</c> by default) and the etcd client's options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>
    /// The client, or the error: a Validation error for an endpoint that is not an etcd URL, or
    /// etcd's failure (Transport, Timeout, or Http with <see cref="APIError.EtcdCode"/>).
    /// </returns>
    /// <remarks>
    /// <para>
    /// The keys are fleet v1.0.0's (<c>job/NAME/object</c>, <c>job/NAME/target-state</c>,
    /// <c>unit/HASH</c>, <c>states/NAME/MACHINE</c>, <c>machines/ID/object</c> and
    /// <c>machines/ID/metadata/KEY</c>), the values Go's bytes, and the current state of a unit
    /// is derived from <c>job/NAME/target</c>, <c>job/NAME/job-state</c> and the target's state as
    /// fleet derives it. A unit's engine and agents are fleetd's: this client only writes what
    /// fleetctl writes.
    /// </para>
    /// <para>
    /// fleetctl's etcd driver writes whatever it is asked to; this client refuses what fleet's API
    /// refuses, client-side and before writing anything, with the API's code and message (as an
    /// Http error without a received body): activating a template, a state that is none of the
    /// three, changing the state of a unit that does not exist, an existing unit created again
    /// without a desired state, invalid names, options and metadata edits. fleetctl's version
    /// check against the machines is not made.
    /// </para>
    /// </remarks>
    public static async Task<Either<APIError, FleetClient>> ConnectToRegistryAsync(IEnumerable<string> etcdEndpoints, FleetRegistryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(etcdEndpoints);
        options ??= FleetRegistryOptions.Default;
        ArgumentNullException.ThrowIfNull(options.KeyPrefix, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Etcd, nameof(options));
        var endpoints = etcdEndpoints.ToList();
        if (EtcdKeysClient.Create(endpoints, options.Etcd).Failed(out var etcd, out var error))
        {
            return error.Parameter == "endpoints" ? error with { Parameter = nameof(etcdEndpoints) } : error;
        }
        if (FleetEndpoint.Parse(endpoints[0]).Failed(out var endpoint, out error))
        {
            await etcd.DisposeAsync().ConfigureAwait(false);
            return error with { Parameter = nameof(etcdEndpoints) };
        }
        var registry = new RegistryDriver(etcd, options.KeyPrefix, options.Etcd.Logger);
        return await CheckedAsync(new FleetClient(endpoint, registry), registry.CheckAsync, cancellationToken).ConfigureAwait(false);
    }
}
