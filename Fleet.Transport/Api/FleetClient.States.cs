using Fleet.Core;
using LanguageExt;

namespace Fleet;

public sealed partial class FleetClient
{
    /// <summary>
    /// The states the machines publish for their units, sorted by unit name then machine id,
    /// fetched a page at a time; optionally only those of one machine and/or one unit.
    /// </summary>
    /// <param name="machineId">Only states from this machine (its full id).</param>
    /// <param name="unitName">Only states of this unit.</param>
    /// <param name="cancellationToken">Cancels the page being fetched.</param>
    /// <remarks>Over the registry every state is read at once and filtered here, as fleet's API filters them.</remarks>
    public IAsyncEnumerable<Either<APIError, UnitState>> ListUnitStates(string? machineId = null, string? unitName = null, CancellationToken cancellationToken = default) =>
        driver.ListUnitStates(machineId, unitName, cancellationToken);

    /// <summary>The unit states, collected; the first failure instead if there is one.</summary>
    /// <param name="machineId">Only states from this machine.</param>
    /// <param name="unitName">Only states of this unit.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Either<APIError, IReadOnlyList<UnitState>>> ListUnitStatesAsync(string? machineId = null, string? unitName = null, CancellationToken cancellationToken = default) =>
        ListUnitStates(machineId, unitName, cancellationToken).CollectAsync(cancellationToken);

    /// <summary>
    /// The state of one unit. fleet v1.0.0 answers a unit without a state (not scheduled, not
    /// published yet, or no such unit) by closing the connection; that comes back as a Transport
    /// error that says so.
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <remarks>
    /// Over the registry a unit without a state is an Http error with code 404 and the message
    /// fleet's API means to give (<c>unit state does not exist</c>); of a global unit's states,
    /// the one of the lowest machine id.
    /// </remarks>
    public async Task<Either<APIError, UnitState>> GetUnitStateAsync(string name, CancellationToken cancellationToken = default)
    {
        if (UnitNames.Validate(name).Failed(out var valid, out var error)) return error;
        return await driver.GetUnitStateAsync(valid, cancellationToken).ConfigureAwait(false);
    }
}
