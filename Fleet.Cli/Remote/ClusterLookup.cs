using Fleet.Cli.Output;
using Fleet.Cli.Parsing;
using Fleet.Core;
using Fleet.UnitFiles.Requirements;

namespace Fleet.Cli.Remote;

/// <summary>
/// What fleetctl's remote commands ask the API: a unit by name (absent rather than an error when
/// fleet does not know it), the machines, and the machines once per run for the addresses of
/// units (fleetctl's <c>cachedMachineState</c>, which ignores a failed listing). Errors are given in
/// the words fleetctl prints for them. A client that could not connect answers every request with
/// that failure, as fleetctl's client, which connects with each request, would.
/// </summary>
internal sealed class ClusterLookup : IAsyncDisposable
{
    private readonly FleetClient? client;
    private readonly APIError? unreachable;
    private readonly ClientSetup setup;
    private IReadOnlyList<Machine>? cached;

    /// <summary>The lookup over a connected client.</summary>
    /// <param name="client">The client.</param>
    /// <param name="setup">The client's setup, for the URLs in messages.</param>
    public ClusterLookup(FleetClient client, ClientSetup setup)
    {
        this.client = client;
        this.setup = setup;
    }

    private ClusterLookup(APIError unreachable, ClientSetup setup)
    {
        this.unreachable = unreachable;
        this.setup = setup;
    }

    /// <summary>Connects with <paramref name="setup"/>; a failure to connect is kept as every request's answer.</summary>
    /// <param name="setup">The client setup.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <returns>The lookup.</returns>
    public static async Task<ClusterLookup> ConnectAsync(ClientSetup setup, CancellationToken cancellationToken)
    {
        var connected = await setup.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return connected.Match(client => new ClusterLookup(client, setup), error => new ClusterLookup(error, setup));
    }

    /// <summary>The unit named <paramref name="name"/>, null when fleet does not know it, or the request's error.</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The unit or null, or fleetctl's text for the error.</returns>
    public async Task<(FleetUnit? Unit, string? Error)> UnitAsync(string name, CancellationToken cancellationToken)
    {
        var unit = client is null ? unreachable! : await client.GetUnitAsync(name, cancellationToken).ConfigureAwait(false);
        return unit.Match(
            Right: found => (found, null),
            Left: error => error.Kind == ErrorKind.Http && error.Code == 404
                ? ((FleetUnit?)null, (string?)null)
                : (null, RequestErrors.Describe(error, setup, setup.UnitTarget(name))));
    }

    /// <summary>The machines, or the request's error.</summary>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The machines, or fleetctl's text for the error.</returns>
    public async Task<(IReadOnlyList<Machine>? Machines, string? Error)> MachinesAsync(CancellationToken cancellationToken)
    {
        var machines = client is null ? unreachable! : await client.ListMachinesAsync(cancellationToken).ConfigureAwait(false);
        return machines.Match(
            Right: found => (found, (string?)null),
            Left: error => ((IReadOnlyList<Machine>?)null, RequestErrors.Describe(error, setup, setup.Targets.Machines)));
    }

    /// <summary>fleetctl's <c>cachedMachineState</c>: the machine with this id from a listing made once per run; null when there is none or the listing failed.</summary>
    /// <param name="id">The machine id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The machine, or null.</returns>
    public async Task<Machine?> CachedMachineAsync(string id, CancellationToken cancellationToken)
    {
        cached ??= (await MachinesAsync(cancellationToken).ConfigureAwait(false)).Machines ?? [];
        return cached.FirstOrDefault(machine => machine.Id == id);
    }

    /// <summary>Closes the client's connections.</summary>
    /// <returns>When they are closed.</returns>
    public ValueTask DisposeAsync() => client?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>fleetctl's <c>suToGlobal</c>: whether the unit runs on every machine (<c>Global=true</c> in <c>[X-Fleet]</c>).</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>Whether it is global.</returns>
    public static bool IsGlobal(FleetUnit unit) => FleetRequirements.Of(unit.Options).Global;
}
