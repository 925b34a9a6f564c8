using System.Runtime.CompilerServices;
using Fleet.Core;
using Fleet.Transport.Etcd;
using LanguageExt;

namespace Fleet.Transport.Registry;

internal sealed partial class RegistryDriver
{
    /// <summary>fleet's <c>UnitStates</c>, sorted by unit then machine, filtered as fleet's API filters them.</summary>
    public async IAsyncEnumerable<Either<APIError, UnitState>> ListUnitStates(string? machineId, string? unitName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var states = await ReadStatesAsync(cancellationToken).ConfigureAwait(false);
        if (states.Failed(out var byKey, out var error))
        {
            yield return error;
            yield break;
        }
        var sorted = byKey.OrderBy(pair => pair.Key.Name, StringComparer.Ordinal).ThenBy(pair => pair.Key.MachineId, StringComparer.Ordinal);
        foreach (var (_, state) in sorted)
        {
            if (!string.IsNullOrEmpty(machineId) && machineId != (state.MachineId ?? "")) continue;
            if (!string.IsNullOrEmpty(unitName) && unitName != state.Name) continue;
            yield return state;
        }
    }

    public async Task<Either<APIError, UnitState>> GetUnitStateAsync(string name, CancellationToken cancellationToken)
    {
        var published = await GetPublishedStateAsync(name, cancellationToken).ConfigureAwait(false);
        if (published.Failed(out var state, out var error)) return error;
        return state.Case is UnitState found ? found : Http(404, UnitStateDoesNotExist);
    }

    /// <summary>
    /// fleet's <c>UnitState</c>: a state one machine published for the unit (of several, fleet
    /// takes whichever etcd lists first; this driver the lowest machine id), or none.
    /// </summary>
    public async Task<Either<APIError, Option<UnitState>>> GetPublishedStateAsync(string name, CancellationToken cancellationToken)
    {
        var states = await ReadStatesAsync(cancellationToken).ConfigureAwait(false);
        if (states.Failed(out var byKey, out var error)) return error;
        var first = byKey.Where(pair => pair.Key.Name == name).OrderBy(pair => pair.Key.MachineId, StringComparer.Ordinal).Select(pair => pair.Value).FirstOrDefault();
        return first is null ? Option<UnitState>.None : Option<UnitState>.Some(first);
    }

    /// <summary>
    /// fleet's <c>statesByMUSKey</c>: every state under <c>states/NAME/MACHINE</c>, by unit name and
    /// the machine of its key. A value fleet cannot read is left out and logged, as fleet does.
    /// </summary>
    private async Task<Either<APIError, Dictionary<(string Name, string MachineId), UnitState>>> ReadStatesAsync(CancellationToken cancellationToken)
    {
        var states = new Dictionary<(string Name, string MachineId), UnitState>();
        if ((await ReadFolderAsync(keys.States, Folder, cancellationToken).ConfigureAwait(false)).Failed(out var found, out var error)) return error;
        if (found.Case is not EtcdNode folder) return states;
        foreach (var unit in folder.Nodes)
        {
            var name = RegistryKeys.Last(unit.Key);
            foreach (var node in unit.Nodes)
            {
                var machine = RegistryKeys.Last(node.Key);
                if (Decode(node.Value, node.Key, RegistryJsonContext.Default.UnitStateModel).Failed(out var model, out error))
                {
                    RegistryLog.StateSkipped(logger, name, machine, error.Message);
                    continue;
                }
                states[(name, machine)] = new UnitState(
                    name,
                    OrNull(model.UnitHash),
                    OrNull(model.MachineState?.Id),
                    OrNull(model.LoadState),
                    OrNull(model.ActiveState),
                    OrNull(model.SubState));
            }
        }
        return states;
    }

    // fleet's API leaves empty fields out of its JSON, which the client reads as null.
    private static string? OrNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
