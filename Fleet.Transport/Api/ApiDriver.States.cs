using System.Runtime.CompilerServices;
using Fleet.Core;
using Fleet.Core.Text;
using Fleet.Transport.Http;
using LanguageExt;

namespace Fleet;

internal sealed partial class ApiDriver
{
    public async IAsyncEnumerable<Either<APIError, UnitState>> ListUnitStates(string? machineId, string? unitName, [EnumeratorCancellation] CancellationToken cancellationToken)
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

    public async Task<Either<APIError, UnitState>> GetUnitStateAsync(string name, CancellationToken cancellationToken)
    {
        var result = await StateAsync(name, cancellationToken).ConfigureAwait(false);
        return result.MapLeft(error => HasNoState(error)
            ? error with { Message = $"unit {GoQuoting.Quote(name)} has no state: fleet v1.0.0 closes the connection instead of answering when a unit has none" }
            : error);
    }

    // The unit's systemd state, or none while its machine has published none: fleet v1.0.0 answers
    // that by closing the connection, which here is an answer, not a failure.
    public async Task<Either<APIError, Option<UnitState>>> GetPublishedStateAsync(string name, CancellationToken cancellationToken)
    {
        var state = await StateAsync(name, cancellationToken).ConfigureAwait(false);
        if (!state.Failed(out var published, out var error)) return Option<UnitState>.Some(published);
        return HasNoState(error) ? Option<UnitState>.None : error;
    }

    private Task<Either<APIError, UnitState>> StateAsync(string name, CancellationToken cancellationToken) =>
        UnitRequestAsync(name, target => GetAsync(target, FleetJsonContext.Default.UnitState, cancellationToken), targets.State);

    private static bool HasNoState(APIError error) => error is { Kind: ErrorKind.Transport, Received: null, Message: HttpConnection.ClosedWithoutAnswer };
}
