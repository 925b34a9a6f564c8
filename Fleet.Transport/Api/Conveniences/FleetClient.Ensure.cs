using Fleet.Core;
using Fleet.Core.Text;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet;

public sealed partial class FleetClient
{
    /// <summary>
    /// Makes sure a unit is present with this content and desired state, doing the least that gets
    /// there: creates it (PUT with options and state), replaces it when its content hash differs
    /// (PUT with options and state; fleet answers 201), changes only its state (PUT with the state;
    /// 204), or sends nothing. A template can only be inactive (fleet's message otherwise, before anything is sent).
    /// The name and the state (one of the three) are checked before the unit is read.
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="content">The unit file it should have.</param>
    /// <param name="desiredState">The state it should be driven to.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>What changed, with the desired state before (null when it was absent) and after.</returns>
    public async Task<Either<APIError, UnitChangeResult>> EnsureUnitAsync(string name, UnitFile content, DesiredState desiredState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (DesiredStates.Validate(desiredState, nameof(desiredState)).Failed(out _, out var invalid)) return invalid;
        if ((await FindUnitAsync(name, cancellationToken).ConfigureAwait(false)).Failed(out var found, out var error)) return error;
        var existing = found.MatchUnsafe(unit => unit, () => null);
        var change = Compare(existing, content, desiredState);
        // fleet stores a template with any state when it is created, yet refuses to activate one
        // later; refusing a change that would make an active template keeps one from being stored
        // in a state fleet cannot drive. One already as asked is left alone.
        if (change != UnitChange.Unchanged && desiredState != DesiredState.Inactive && UnitNameInfo.Parse(name).Match(info => info.IsTemplate, _ => false))
        {
            return APIError.Validation($"cannot activate template {GoQuoting.Quote(name)}");
        }
        return await ChangeAsync(name, change, content, existing?.DesiredState, desiredState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes sure a unit is not in the cluster: destroys it, or sends nothing more when fleet has none.</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>Destroyed (with its desired state before) or Unchanged.</returns>
    public async Task<Either<APIError, UnitChangeResult>> EnsureUnitAbsentAsync(string name, CancellationToken cancellationToken = default)
    {
        if ((await FindUnitAsync(name, cancellationToken).ConfigureAwait(false)).Failed(out var found, out var error)) return error;
        var existing = found.MatchUnsafe(unit => unit, () => null);
        var change = existing is null ? UnitChange.Unchanged : UnitChange.Destroyed;
        return await ChangeAsync(name, change, null, existing?.DesiredState, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes sure an existing unit has this desired state: changes it (fleet answers 204) or sends
    /// nothing more. A unit fleet does not have is fleet's 404, as <see cref="GetUnitAsync"/> answers it.
    /// A state outside the three is refused before the unit is read.
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="desiredState">The state it should be driven to.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>StateChanged or Unchanged.</returns>
    public async Task<Either<APIError, UnitChangeResult>> EnsureDesiredStateAsync(string name, DesiredState desiredState, CancellationToken cancellationToken = default)
    {
        if (DesiredStates.Validate(desiredState, nameof(desiredState)).Failed(out _, out var invalid)) return invalid;
        if ((await GetUnitAsync(name, cancellationToken).ConfigureAwait(false)).Failed(out var existing, out var error)) return error;
        var change = existing.DesiredState == desiredState ? UnitChange.Unchanged : UnitChange.StateChanged;
        return await ChangeAsync(name, change, null, existing.DesiredState, desiredState, cancellationToken).ConfigureAwait(false);
    }

    // The unit, or none when fleet has none: absence is an answer here, not a failure.
    private async Task<Either<APIError, Option<FleetUnit>>> FindUnitAsync(string name, CancellationToken cancellationToken)
    {
        var unit = await GetUnitAsync(name, cancellationToken).ConfigureAwait(false);
        if (!unit.Failed(out var found, out var error)) return Option<FleetUnit>.Some(found);
        return error.IsNotFound() ? Option<FleetUnit>.None : error;
    }

    // fleet decides between replacing and changing the state by the same hash (of the canonical
    // text), so comparing here predicts which answer, 201 or 204, fleet will give.
    private static UnitChange Compare(FleetUnit? existing, UnitFile content, DesiredState desiredState) =>
        existing is null ? UnitChange.Created
        : UnitFile.FromOptions(existing.Options).Hash != content.Hash ? UnitChange.Replaced
        : existing.DesiredState != desiredState ? UnitChange.StateChanged
        : UnitChange.Unchanged;

    private async Task<Either<APIError, UnitChangeResult>> ChangeAsync(
        string name, UnitChange change, UnitFile? content, DesiredState? before, DesiredState? after, CancellationToken cancellationToken)
    {
        var sent = change switch
        {
            UnitChange.Created or UnitChange.Replaced when content is not null && after is { } state => await CreateUnitAsync(name, content, state, cancellationToken).ConfigureAwait(false),
            UnitChange.StateChanged when after is { } state => await SetDesiredStateAsync(name, state, cancellationToken).ConfigureAwait(false),
            UnitChange.Destroyed => await DestroyUnitAsync(name, cancellationToken).ConfigureAwait(false),
            UnitChange.Unchanged => Unit.Default,
            _ => APIError.Validation($"cannot {change} unit {name} without {(content is null ? "its unit file" : "a desired state")}"),
        };
        // Someone else destroying the unit first leaves it as asked: absent.
        if (sent.Failed(out _, out var error) && !(change == UnitChange.Destroyed && error.IsNotFound())) return error;
        return new UnitChangeResult(name, change, before, after);
    }
}
