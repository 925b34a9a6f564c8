using Fleet.Core;

namespace Fleet.Facade;

public sealed partial class FleetApiClient
{
    /// <summary>
    /// The states the machines publish for their units, sorted by unit name then machine id,
    /// fetched a page at a time (python-fleet's <c>list_unit_states</c>). A failure is thrown
    /// where the stream reaches it.
    /// </summary>
    /// <param name="machineId">Only states from this machine (its full id).</param>
    /// <param name="unitName">Only states of this unit.</param>
    /// <param name="cancellationToken">Cancels the page being fetched.</param>
    /// <returns>The unit states.</returns>
    /// <exception cref="FleetApiException">fleet answered a page with an error.</exception>
    public IAsyncEnumerable<UnitState> ListUnitStates(string? machineId = null, string? unitName = null, CancellationToken cancellationToken = default) =>
        Functional.ListUnitStates(machineId, unitName, cancellationToken).OrThrow(state => state, cancellationToken);

    /// <summary>The unit states, collected.</summary>
    /// <param name="machineId">Only states from this machine.</param>
    /// <param name="unitName">Only states of this unit.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The unit states.</returns>
    /// <exception cref="FleetApiException">fleet answered a page with an error.</exception>
    public Task<IReadOnlyList<UnitState>> ListUnitStatesAsync(string? machineId = null, string? unitName = null, CancellationToken cancellationToken = default) =>
        Functional.ListUnitStatesAsync(machineId, unitName, cancellationToken).OrThrowAsync();

    /// <summary>The state of one unit.</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The state its machine publishes.</returns>
    /// <exception cref="ArgumentException">The name is refused with fleet's rules.</exception>
    /// <exception cref="FleetConnectionException">
    /// The unit has no state: fleet v1.0.0 closes the connection instead of answering, and the message says so.
    /// </exception>
    public Task<UnitState> GetUnitStateAsync(string name, CancellationToken cancellationToken = default) =>
        Functional.GetUnitStateAsync(name, cancellationToken).OrThrowAsync();
}
