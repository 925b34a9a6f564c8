using Fleet.Core;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet;

public sealed partial class FleetClient
{
    /// <summary>
    /// Creates a unit, or replaces one of the same name whose content differs (fleet answers 201
    /// both times). One that fleet already holds with this content takes the desired state
    /// (fleet answers 204): the same create sent twice is done either way. The name is checked
    /// with fleet's rules, the options as fleet checks them, and the state is one of the three,
    /// before anything is sent.
    /// </summary>
    /// <param name="name">The unit's name, such as <c>hello.service</c> or <c>web@1.service</c>.</param>
    /// <param name="options">The unit file's options; at least one.</param>
    /// <param name="desiredState">The state fleet should bring it to.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Either<APIError, Unit>> CreateUnitAsync(string name, IEnumerable<UnitOption> options, DesiredState desiredState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateUnitAsync(name, UnitFile.FromOptions(options), desiredState, cancellationToken);
    }

    /// <summary>Creates or replaces a unit from a parsed unit file (see <see cref="UnitFile.Parse(string)"/>).</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="file">The unit file.</param>
    /// <param name="desiredState">The state fleet should bring it to.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <remarks>
    /// Over the registry the unit is written as fleet writes it (<c>unit/HASH</c>, then
    /// <c>job/NAME/object</c>, then <c>job/NAME/target-state</c>), after reading
    /// <c>job/NAME</c> (and <c>unit/HASH</c> when it exists) to tell a create from a change of
    /// state as fleet's API does; a unit held
    /// with this content whose name is a template's is refused a state other than inactive with
    /// the API's 400 <c>cannot activate template</c>, which fleetctl's etcd driver would write.
    /// </remarks>
    public async Task<Either<APIError, Unit>> CreateUnitAsync(string name, UnitFile file, DesiredState desiredState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Options.Count == 0) return APIError.Validation("a unit needs at least one option (fleet: unit does not exist and options field empty)");
        return await PutUnitAsync(name, file, desiredState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a unit without naming a desired state, as fleetctl's <c>submit</c>, <c>load</c> and
    /// <c>start</c> do: fleet gives a new unit <c>inactive</c>, replaces a unit whose content
    /// differs (which then is <c>inactive</c> too), and answers 409 <c>must provide DesiredState to update
    /// existing unit</c> for a unit it holds with the same content, so an existing unit is never
    /// moved. The name and the options are checked as fleet checks them; a file without options is
    /// sent as it is, and fleet answers 409 <c>unit does not exist and options field empty</c> for it.
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="file">The unit file.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <remarks>
    /// Over the registry the same answers are given client-side, with the API's codes and
    /// messages, after reading <c>job/NAME</c> (fleetctl's <c>submit</c> reads it too) and, when it
    /// exists, <c>unit/HASH</c>.
    /// </remarks>
    public Task<Either<APIError, Unit>> CreateUnitAsync(string name, UnitFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return PutUnitAsync(name, file, null, cancellationToken);
    }

    private async Task<Either<APIError, Unit>> PutUnitAsync(string name, UnitFile file, DesiredState? desiredState, CancellationToken cancellationToken)
    {
        if (desiredState is { } state && DesiredStates.Validate(state, nameof(desiredState)).Failed(out _, out var invalid)) return invalid;
        if (file.Validate().Failed(out _, out var error)) return error;
        if (UnitNames.Validate(name).Failed(out var valid, out error)) return error;
        return await driver.PutUnitAsync(valid, file, desiredState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the desired state of a unit in the cluster (fleet answers 204). The state must be one
    /// of the three and the name valid by fleet's rules; otherwise nothing is sent.
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="desiredState">The state fleet should bring it to; a template can only be inactive.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <remarks>
    /// Over the registry, where fleetctl's etcd driver writes any state for any name, this client
    /// refuses what fleet's API refuses, with the API's codes and messages: a unit that does not
    /// exist (409 <c>unit does not exist and options field empty</c>, after reading
    /// <c>job/NAME</c> and <c>unit/HASH</c>, where fleetctl's load, start and stop write
    /// <c>job/NAME/target-state</c> alone), a template made loaded or launched (400 <c>cannot activate template</c>),
    /// and a state that is none of the three (which would make the unit vanish from every list).
    /// </remarks>
    public async Task<Either<APIError, Unit>> SetDesiredStateAsync(string name, DesiredState desiredState, CancellationToken cancellationToken = default)
    {
        if (DesiredStates.Validate(desiredState, nameof(desiredState)).Failed(out _, out var invalid)) return invalid;
        if (UnitNames.Validate(name).Failed(out var valid, out var error)) return error;
        return await driver.SetDesiredStateAsync(valid, desiredState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the desired state of a unit read from the cluster.</summary>
    /// <param name="unit">The unit, as <see cref="GetUnitAsync"/> or a list returned it.</param>
    /// <param name="desiredState">The state fleet should bring it to.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Either<APIError, Unit>> SetDesiredStateAsync(FleetUnit unit, DesiredState desiredState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return SetDesiredStateAsync(unit.Name, desiredState, cancellationToken);
    }

    /// <summary>Reads one unit; one that does not exist is an Http error with code 404 and fleet's message.</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<Either<APIError, FleetUnit>> GetUnitAsync(string name, CancellationToken cancellationToken = default)
    {
        // The one read that callers repeat: no closures, and one task (this one) per request.
        if (UnitNames.Validate(name).Failed(out var valid, out var invalid)) return invalid;
        return await driver.GetUnitAsync(valid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a unit from the cluster (fleet answers 204; 404 when there is none).</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <remarks>
    /// Over the registry this deletes <c>job/NAME</c> with everything under it, as fleet does;
    /// <c>unit/HASH</c> stays (fleet never deletes it), and the machines drop the unit's states
    /// when they notice.
    /// </remarks>
    public async Task<Either<APIError, Unit>> DestroyUnitAsync(string name, CancellationToken cancellationToken = default)
    {
        if (UnitNames.Validate(name).Failed(out var valid, out var error)) return error;
        return await driver.DestroyUnitAsync(valid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a unit read from the cluster.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Either<APIError, Unit>> DestroyUnitAsync(FleetUnit unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return DestroyUnitAsync(unit.Name, cancellationToken);
    }

    /// <summary>
    /// Every unit in the cluster, in name order, fetched a page of 100 at a time as the stream is
    /// read. A failure is the stream's last element.
    /// </summary>
    /// <param name="cancellationToken">Cancels the page being fetched.</param>
    /// <remarks>Over the registry the whole list is read at once, as fleet reads it.</remarks>
    public IAsyncEnumerable<Either<APIError, FleetUnit>> ListUnits(CancellationToken cancellationToken = default) =>
        driver.ListUnits(cancellationToken);

    /// <summary>Every unit in the cluster, collected; the first failure instead if there is one.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Either<APIError, IReadOnlyList<FleetUnit>>> ListUnitsAsync(CancellationToken cancellationToken = default) =>
        ListUnits(cancellationToken).CollectAsync(cancellationToken);
}
