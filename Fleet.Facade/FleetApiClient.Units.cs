using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Facade;

public sealed partial class FleetApiClient
{
    /// <summary>
    /// Creates a unit, or replaces one of the same name whose content differs (python-fleet's
    /// <c>create_unit</c>).
    /// </summary>
    /// <param name="name">The unit's name, such as <c>hello.service</c> or <c>web@1.service</c>.</param>
    /// <param name="options">The unit file's options; at least one.</param>
    /// <param name="desiredState">The state fleet should bring it to.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The unit as sent, bound to this client; read it again (<see cref="GetUnitAsync"/>) for where fleet scheduled it.</returns>
    /// <exception cref="ArgumentException">The name, or the options, are refused with fleet's rules, or the state is not one of the three (a number cast to <see cref="DesiredState"/>).</exception>
    /// <exception cref="FleetApiException">fleet refused the unit.</exception>
    public Task<ClusterUnit> CreateUnitAsync(string name, IEnumerable<UnitOption> options, DesiredState desiredState, CancellationToken cancellationToken = default) =>
        CreateUnitAsync(name, UnitFile.FromOptions(options ?? throw new ArgumentNullException(nameof(options))), desiredState, cancellationToken);

    /// <summary>Creates or replaces a unit from a parsed unit file.</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="file">The unit file.</param>
    /// <param name="desiredState">The state fleet should bring it to.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The unit as sent, bound to this client.</returns>
    /// <exception cref="ArgumentException">The name, or the options, are refused with fleet's rules, or the state is not one of the three (a number cast to <see cref="DesiredState"/>).</exception>
    /// <exception cref="FleetApiException">fleet refused the unit.</exception>
    public async Task<ClusterUnit> CreateUnitAsync(string name, UnitFile file, DesiredState desiredState, CancellationToken cancellationToken = default)
    {
        await Functional.CreateUnitAsync(name, file, desiredState, cancellationToken).OrThrowAsync().ConfigureAwait(false);
        return ClusterUnit.Created(name, file, desiredState, this);
    }

    /// <summary>
    /// Creates or replaces a unit from a <see cref="ClusterUnit"/>, with its options and desired
    /// state, under <paramref name="name"/> (python-fleet's <c>create_unit(name, unit)</c>).
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="unit">The unit; built here or read from any cluster.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The unit as sent, named and bound to this client.</returns>
    /// <exception cref="ArgumentException">The name, or the options, are refused with fleet's rules.</exception>
    /// <exception cref="FleetApiException">fleet refused the unit.</exception>
    public Task<ClusterUnit> CreateUnitAsync(string name, ClusterUnit unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return CreateUnitAsync(name, unit.File, unit.DesiredState, cancellationToken);
    }

    /// <summary>Sets the desired state of a unit in the cluster.</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="desiredState">The state fleet should bring it to; a template can only be inactive.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When fleet has accepted the change.</returns>
    /// <exception cref="ArgumentException">The name is refused with fleet's rules, or the state is not one of the three (a number cast to <see cref="DesiredState"/>).</exception>
    /// <exception cref="FleetApiException">fleet refused: 409 for a unit it does not have, 400 for activating a template.</exception>
    public Task SetDesiredStateAsync(string name, DesiredState desiredState, CancellationToken cancellationToken = default) =>
        Functional.SetDesiredStateAsync(name, desiredState, cancellationToken).OrThrowAsync();

    /// <summary>
    /// Sets the desired state of a unit, spelled as fleet spells it (python-fleet's
    /// <c>set_unit_desired_state(unit, 'launched')</c>).
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="desiredState"><c>inactive</c>, <c>loaded</c> or <c>launched</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When fleet has accepted the change.</returns>
    /// <exception cref="ArgumentException">The state is not one of fleet's three (<see cref="DesiredStates.InvalidStateMessage"/>), or the name is refused.</exception>
    /// <exception cref="FleetApiException">fleet refused the change.</exception>
    public Task SetDesiredStateAsync(string name, string desiredState, CancellationToken cancellationToken = default) =>
        SetDesiredStateAsync(name, DesiredStates.Parse(desiredState).OrThrow(), cancellationToken);

    /// <summary>Sets the desired state of a unit by its <see cref="ClusterUnit.Name"/>.</summary>
    /// <param name="unit">The unit; it needs a name.</param>
    /// <param name="desiredState">The state fleet should bring it to.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When fleet has accepted the change.</returns>
    /// <exception cref="ArgumentException">The unit has no name, its name is refused, or the state is not one of the three (a number cast to <see cref="DesiredState"/>).</exception>
    /// <exception cref="FleetApiException">fleet refused the change.</exception>
    public Task SetDesiredStateAsync(ClusterUnit unit, DesiredState desiredState, CancellationToken cancellationToken = default) =>
        SetDesiredStateAsync(NameOf(unit), desiredState, cancellationToken);

    /// <summary>Sets the desired state of a unit by its name, the state spelled as fleet spells it.</summary>
    /// <param name="unit">The unit; it needs a name.</param>
    /// <param name="desiredState"><c>inactive</c>, <c>loaded</c> or <c>launched</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When fleet has accepted the change.</returns>
    /// <exception cref="ArgumentException">The state is not one of fleet's three, or the unit has no valid name.</exception>
    /// <exception cref="FleetApiException">fleet refused the change.</exception>
    public Task SetDesiredStateAsync(ClusterUnit unit, string desiredState, CancellationToken cancellationToken = default) =>
        SetDesiredStateAsync(NameOf(unit), desiredState, cancellationToken);

    /// <summary>Reads one unit (python-fleet's <c>get_unit</c>).</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The unit, bound to this client.</returns>
    /// <exception cref="ArgumentException">The name is refused with fleet's rules.</exception>
    /// <exception cref="FleetApiException">404 when fleet has no such unit.</exception>
    public async Task<ClusterUnit> GetUnitAsync(string name, CancellationToken cancellationToken = default) =>
        ClusterUnit.FromCluster(await Functional.GetUnitAsync(name, cancellationToken).OrThrowAsync().ConfigureAwait(false), this);

    /// <summary>Removes a unit from the cluster (python-fleet's <c>destroy_unit</c>).</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When fleet has removed it.</returns>
    /// <exception cref="ArgumentException">The name is refused with fleet's rules.</exception>
    /// <exception cref="FleetApiException">404 when fleet has no such unit.</exception>
    public Task DestroyUnitAsync(string name, CancellationToken cancellationToken = default) =>
        Functional.DestroyUnitAsync(name, cancellationToken).OrThrowAsync();

    /// <summary>Removes a unit from the cluster by its <see cref="ClusterUnit.Name"/>.</summary>
    /// <param name="unit">The unit; it needs a name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When fleet has removed it.</returns>
    /// <exception cref="ArgumentException">The unit has no name, or its name is refused.</exception>
    /// <exception cref="FleetApiException">404 when fleet has no such unit.</exception>
    public Task DestroyUnitAsync(ClusterUnit unit, CancellationToken cancellationToken = default) =>
        DestroyUnitAsync(NameOf(unit), cancellationToken);

    /// <summary>
    /// Every unit in the cluster, in name order, fetched a page at a time as the stream is read
    /// (python-fleet's <c>list_units</c>). A failure is thrown where the stream reaches it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the page being fetched.</param>
    /// <returns>The units, each bound to this client.</returns>
    /// <exception cref="FleetApiException">fleet answered a page with an error.</exception>
    public IAsyncEnumerable<ClusterUnit> ListUnits(CancellationToken cancellationToken = default) =>
        Functional.ListUnits(cancellationToken).OrThrow(unit => ClusterUnit.FromCluster(unit, this), cancellationToken);

    /// <summary>Every unit in the cluster, collected.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The units, each bound to this client.</returns>
    /// <exception cref="FleetApiException">fleet answered a page with an error.</exception>
    public async Task<IReadOnlyList<ClusterUnit>> ListUnitsAsync(CancellationToken cancellationToken = default) =>
        [.. (await Functional.ListUnitsAsync(cancellationToken).OrThrowAsync().ConfigureAwait(false)).Select(unit => ClusterUnit.FromCluster(unit, this))];

    // A unit built here has no name until it is given one; say so as an argument error, like a bad name.
    private static string NameOf(ClusterUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Name ?? throw new ArgumentException("the unit has no name: read it from the cluster, or give it one with WithName", nameof(unit));
    }
}
