using Fleet.Core;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// What fleetctl's <c>stop</c> and <c>unload</c> share: the registry's units the arguments name
/// are brought down to a state, skipping those already there, and the ones that are not global
/// awaited until they report it.
/// </summary>
internal static class UnitDescheduling
{
    /// <summary>Lowers the units' desired state and waits; what happens is printed in fleetctl's words.</summary>
    /// <param name="session">The run.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="attempts">fleetctl's <c>getBlockAttempts</c>.</param>
    /// <param name="state">The desired state: loaded (stop) or inactive (unload).</param>
    /// <param name="verb">The command's word: <c>stop</c> or <c>unload</c>.</param>
    /// <param name="done">The word for the units once there: <c>stopped</c> or <c>unloaded</c>.</param>
    /// <param name="refuse">fleetctl's text for a unit that must not be touched (and ends the command with 1), or null.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(LifecycleSession session, string[] args, int attempts, DesiredState state, string verb, string done, Func<FleetUnit, string?> refuse, CancellationToken cancellationToken)
    {
        if ((await RegistryUnits.FindAsync(session, args, cancellationToken).ConfigureAwait(false)).Failed(out var units, out var unlisted))
        {
            session.Error(unlisted);
            return 1;
        }
        if (units.Count == 0)
        {
            session.Error("Units not found in registry");
            return 0;
        }
        var waiting = new List<string>();
        foreach (var unit in units)
        {
            var global = GlobalUnits.Is(unit);
            if (!global && refuse(unit) is { } refusal)
            {
                session.Error(refusal);
                return 1;
            }
            if (!global && unit.CurrentState == state) continue;
            // fleetctl does not look at the answer: a failure shows in the wait that follows.
            await session.RequestAsync((client, token) => client.SetDesiredStateAsync(unit.Name, state, token), cancellationToken).ConfigureAwait(false);
            if (global) session.Out($"Triggered global unit {unit.Name} {verb}");
            else waiting.Add(unit.Name);
        }
        if (await UnitStateWait.TryWaitAsync(session, waiting, verb, state, attempts, cancellationToken).ConfigureAwait(false) is { } error)
        {
            session.Error($"Failed to {verb} units {GoLists.Format(waiting)}. err: {error}");
            return 1;
        }
        session.Error($"Successfully {done} units {GoLists.Format(waiting)}.");
        return 0;
    }
}
