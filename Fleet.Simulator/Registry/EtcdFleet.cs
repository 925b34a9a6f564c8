using System.Collections.Immutable;
using System.Net;
using Fleet.Core;
using Fleet.Simulator.Api;
using Fleet.Simulator.Cluster;
using Fleet.Transport.Etcd;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Fleet.Transport.Registry;

namespace Fleet.Simulator.Registry;

/// <summary>
/// fleetd's engine and agents for a set of simulated machines, over fleet's registry in a real
/// etcd (fleet v1.0.0's keyspace): every <see cref="EtcdFleetOptions.Interval"/> it registers the
/// machines, schedules units as fleet's least-loaded scheduler does, and publishes the unit
/// states and heartbeats that fleetd with a working systemd would, so fleetctl's
/// <c>--driver=etcd</c>, <see cref="FleetClient.ConnectToRegistryAsync"/> and fleet's own API
/// code over the same etcd see one cluster. Nothing really runs. Given a socket or an address
/// (<see cref="EtcdFleetOptions.UnixSocketPath"/>, <see cref="EtcdFleetOptions.TcpEndPoint"/>)
/// it also serves fleet's v1 API over that registry, as fleetd does: what the API writes, the
/// registry holds, and fleetctl's etcd driver reads it back.
/// </summary>
/// <remarks>
/// <para>
/// Per pass: <c>machines/ID/object</c> (<c>{"ID":..,"PublicIP":..,"Metadata":{..},"Capabilities":null,"Version":"v1.0.0"}</c>)
/// with a 30 s TTL, renewed every 10 s and written again at once when it disappears; a unit
/// whose desired state is loaded or launched and that has no <c>job/NAME/target</c> gets one
/// (written with <c>prevExist=false</c>) among the machines that fleet's feasibility rules accept
/// (MachineID, MachineMetadata, MachineOf, Conflicts), the least loaded first, ties to the lower
/// id; a unit no machine accepts stays unscheduled; an inactive unit's target is deleted with
/// <c>prevValue</c>. The agents of these machines then publish <c>loaded/inactive/dead</c> for a
/// loaded unit and <c>loaded/active/running</c> plus <c>job/NAME/job-state</c> for a launched one,
/// under <c>states/NAME/MACHINE</c> and <c>state/NAME</c> with 30 s TTLs; a global unit gets a
/// state on every one of these machines whose metadata it accepts and is never scheduled; the
/// states and heartbeats of units that are stopped, unloaded or destroyed are removed. A unit
/// whose target state is not written yet, or is one fleet cannot parse, is left alone.
/// </para>
/// <para>
/// Several instances over one registry are one cluster of all their machines, as several fleetds
/// are: each registers its own machines and runs their agents, and only the instance whose engine
/// holds fleet's engine lease schedules, over every registered machine. The election is fleet
/// v1.0.0's: <c>engine/version</c> raised to 1 (<c>prevValue</c>, or <c>prevExist=false</c> when
/// missing); <c>lease/engine-leader</c> = <c>{"MachineID":"ID","Version":1}</c> with a TTL of five
/// intervals (at least 1 s), taken with <c>prevExist=false</c> and renewed every pass with
/// <c>prevIndex</c>; the machine id is the instance's lowest (an instance without machines never
/// leads). Disposing stops the API, then purges as a stopping fleetd does: these machines' heartbeats and unit states
/// are removed, the lease is released (a delete with <c>prevIndex</c>) so another instance's engine
/// takes it at its next pass and moves the units of the machines that left, and the machines'
/// registrations are removed. An instance that dies leaves all of it to the TTLs.
/// </para>
/// </remarks>
public sealed class EtcdFleet : IAsyncDisposable
{
    private readonly FleetClient registry;
    private readonly EtcdKeysClient etcd;
    private readonly RegistryPass pass;
    private readonly EngineLease lease;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly CancellationTokenSource stop = new();
    private readonly TimeSpan interval;
    private readonly ILogger logger;
    private Task loop = Task.CompletedTask;
    private ApiHost? api;
    private APIError? lastError;
    private int disposed;

    private EtcdFleet(FleetClient registry, EtcdKeysClient etcd, RegistryKeys keys, ImmutableArray<SimulatedMachine> machines, TimeSpan interval, ILogger? logger)
    {
        this.logger = logger ?? NullLogger.Instance;
        this.registry = registry;
        this.etcd = etcd;
        this.interval = interval;
        Machines = machines;
        KeyPrefix = keys.Prefix;
        lease = new EngineLease(etcd, keys, machines.IsEmpty ? null : machines[0].Id, interval, TimeProvider.System, this.logger);
        pass = new RegistryPass(registry, etcd, keys, machines, lease, TimeProvider.System);
    }

    /// <summary>The machines whose engine and agents this is, in id order.</summary>
    public IReadOnlyList<SimulatedMachine> Machines { get; }

    /// <summary>The registry's folder in etcd, cleaned as fleet cleans it: <c>/_coreos.com/fleet</c>.</summary>
    public string KeyPrefix { get; }

    /// <summary>The unix socket fleet's API is served on, if any.</summary>
    public string? UnixSocketPath => api?.UnixSocketPath;

    /// <summary>The TCP address fleet's API is served on (with the port it got), if any.</summary>
    public IPEndPoint? TcpEndPoint => api?.TcpEndPoint;

    /// <summary>The endpoint a fleet client would be given (<c>http://host:port</c>, or <c>unix://PATH</c> when only a socket is served), or null when the API is not served.</summary>
    public string? ApiEndpoint => TcpEndPoint is { } tcp ? $"http://{tcp}" : UnixSocketPath is { } path ? $"unix://{path}" : null;

    /// <summary>
    /// Whether this instance's engine scheduled at its last finished pass: it held fleet's engine lease
    /// (<c>lease/engine-leader</c> naming its lowest machine id) at fleet's engine version.
    /// </summary>
    public bool IsEngineLeader => lease.Leads;

    /// <summary>
    /// Why the last pass failed, or null when it succeeded. A failed pass is tried again at the
    /// next interval; a new failure, and the recovery, are logged to the etcd client's logger.
    /// </summary>
    public APIError? LastError => Volatile.Read(ref lastError);

    /// <summary>
    /// Connects to etcd, runs a first pass (so the machines are registered when this returns),
    /// starts serving fleet's API when a socket or an address is given, then keeps passing every
    /// <see cref="EtcdFleetOptions.Interval"/> until disposed.
    /// </summary>
    /// <param name="machines">The machines, with distinct ids.</param>
    /// <param name="etcdEndpoints">The etcd members' URLs (<c>http://127.0.0.1:2379</c>, ...).</param>
    /// <param name="options">The key prefix, etcd client options and interval; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running engine and agents, or why they could not start: a Validation error for an endpoint that is not an etcd URL, or etcd's failure.</returns>
    /// <exception cref="ArgumentException">Two machines share an id, or the interval is not positive.</exception>
    /// <exception cref="IOException">The API's socket path belongs to a running server, or its address cannot be bound.</exception>
    public static async Task<Either<APIError, EtcdFleet>> StartAsync(IEnumerable<SimulatedMachine> machines, IEnumerable<string> etcdEndpoints, EtcdFleetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(etcdEndpoints);
        options ??= EtcdFleetOptions.Default;
        ArgumentNullException.ThrowIfNull(options.Registry, nameof(options));
        if (options.Interval <= TimeSpan.Zero) throw new ArgumentException($"the interval must be more than zero, not {options.Interval}", nameof(options));
        var ordered = machines.OrderBy(machine => machine.Id, StringComparer.Ordinal).ToImmutableArray();
        if (ordered.GroupBy(machine => machine.Id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"machine {twice.Key} is given twice", nameof(machines));
        }
        var endpoints = etcdEndpoints.ToList();
        if ((await FleetClient.ConnectToRegistryAsync(endpoints, options.Registry, cancellationToken).ConfigureAwait(false)).Failed(out var registry, out var error)) return error;
        if (EtcdKeysClient.Create(endpoints, options.Registry.Etcd).Failed(out var etcd, out error))
        {
            await registry.DisposeAsync().ConfigureAwait(false);
            return error;
        }
        var fleet = new EtcdFleet(registry, etcd, new RegistryKeys(options.Registry.KeyPrefix), ordered, options.Interval, options.Registry.Etcd.Logger);
        try
        {
            if ((await fleet.PassAsync(cancellationToken).ConfigureAwait(false)).Failed(out _, out error))
            {
                await fleet.DisposeAsync().ConfigureAwait(false);
                return error;
            }
            if (options.UnixSocketPath is not null || options.TcpEndPoint is not null)
            {
                var faults = new ServerFaults();
                var handlers = new FleetApi(new EtcdRegistry(registry, etcd, new RegistryKeys(options.Registry.KeyPrefix)), faults);
                fleet.api = await ApiHost.StartAsync(handlers, faults, options.UnixSocketPath, options.TcpEndPoint, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        fleet.loop = fleet.LoopAsync();
        return fleet;
    }

    /// <summary>
    /// Runs one pass now, after any pass under way: machines, engine, agents. The timer's passes
    /// go on as before.
    /// </summary>
    /// <param name="cancellationToken">Cancels the pass (what was written stays written).</param>
    /// <returns>Nothing, or the etcd failure that ended the pass (also in <see cref="LastError"/>).</returns>
    /// <exception cref="ObjectDisposedException">The instance is disposed.</exception>
    public async Task<Either<APIError, LanguageExt.Unit>> PassAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await pass.RunAsync(cancellationToken).ConfigureAwait(false);
            var before = Volatile.Read(ref lastError);
            var now = result.Failed(out _, out var error) ? error : null;
            Volatile.Write(ref lastError, now);
            if (now is not null && now.Message != before?.Message) EtcdFleetLog.PassFailed(logger, now.Message);
            else if (now is null && before is not null) EtcdFleetLog.PassRecovered(logger);
            return result;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await PassAsync(stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // A pass that throws is a fault of this code, not etcd's answer; the timer must
                    // outlive it, as fleetd's reconcilers outlive a failed reconcile, and say so.
                    EtcdFleetLog.PassThrew(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the normal end.
        }
        catch (ObjectDisposedException) when (stop.IsCancellationRequested)
        {
            // Disposed between two ticks.
        }
    }

    /// <summary>
    /// Stops the API and the passes, waits for the one under way, then purges as a stopping fleetd does: its
    /// machines' heartbeats and unit states removed, the engine lease released if this instance
    /// holds it (so another instance's engine takes over at its next pass), the machines'
    /// registrations removed; then closes the etcd clients.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        if (api is not null) await api.DisposeAsync().ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await oneAtATime.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await pass.PurgeAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // etcd did not answer in time: the keys lapse with their TTLs.
        }
        finally
        {
            oneAtATime.Release();
            await etcd.DisposeAsync().ConfigureAwait(false);
            await registry.DisposeAsync().ConfigureAwait(false);
            stop.Dispose();
        }
    }
}
