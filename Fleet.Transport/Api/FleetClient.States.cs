using System.Runtime.CompilerServices;
using Fleet.Core;
using Fleet.Core.Text;
using Fleet.Transport.Http;
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
    public async IAsyncEnumerable<Either<APIError, UnitState>> ListUnitStates(string? machineId = null, string? unitName = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Escaping sends any text as it is, except half of a surrogate pair, which it would change.
        foreach (var (name, value) in new[] { ("machineID", machineId), ("unitName", unitName) })
        {
            if (value is not null && !UnicodeText.IsWellFormed(value))
            {
                yield return APIError.Validation($"the {name} filter {GoQuoting.Quote(value)} must be valid Unicode text: half of a surrogate pair cannot be sent");
                yield break;
            }
        }
        var pages = PagesAsync<UnitStatePage, UnitState>(
            token => targets.Page("state", token, ("machineID", machineId), ("unitName", unitName)),
            FleetJsonContext.Default.UnitStatePage,
            cancellationToken);
        await foreach (var state in pages.ConfigureAwait(false)) yield return state;
    }

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
    public async Task<Either<APIError, UnitState>> GetUnitStateAsync(string name, CancellationToken cancellationToken = default)
    {
        var result = await UnitRequestAsync(name, target => GetAsync(target, FleetJsonContext.Default.UnitState, cancellationToken), targets.State).ConfigureAwait(false);
        return result.MapLeft(error => error is { Kind: ErrorKind.Transport, Received: null, Message: HttpConnection.ClosedWithoutAnswer }
            ? error with { Message = $"unit {GoQuoting.Quote(name)} has no state: fleet v1.0.0 closes the connection instead of answering when a unit has none" }
            : error);
    }
}
