using System.CommandLine;
using Fleet.Core;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// What fleetctl's <c>load</c> and <c>start</c> share: the units are created where missing, their
/// desired state set, and the units that are not global awaited until they report it.
/// </summary>
internal static class UnitScheduling
{
    /// <summary>Creates, schedules and waits; failures are printed in fleetctl's words.</summary>
    /// <param name="session">The run.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="flags">The command's flags.</param>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="state">The desired state: loaded or launched.</param>
    /// <param name="verb">The command's word: <c>load</c> or <c>start</c>.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The units awaited (not global), or null when it failed.</returns>
    public static async Task<IReadOnlyList<string>?> RunAsync(LifecycleSession session, string[] args, LifecycleFlags flags, ParseResult parse, DesiredState state, string verb, CancellationToken cancellationToken)
    {
        if (await UnitCreation.CreateAsync(session, args, flags.Replace(parse), flags.Rules(), flags.GivenAttempts(parse), cancellationToken).ConfigureAwait(false) is { } failure)
        {
            session.Error($"Error creating units: {failure}");
            return null;
        }
        if ((await TargetStates.SetAsync(session, args, state, cancellationToken).ConfigureAwait(false)).Failed(out var triggered, out var unset))
        {
            session.Error($"Error {verb}ing units: {unset}");
            return null;
        }
        var waiting = new List<string>();
        foreach (var unit in triggered)
        {
            if (GlobalUnits.Is(unit)) session.Out($"Triggered global unit {unit.Name} {verb}");
            else waiting.Add(unit.Name);
        }
        if (await UnitStateWait.TryWaitAsync(session, waiting, verb, state, flags.Attempts(parse), cancellationToken).ConfigureAwait(false) is { } error)
        {
            session.Error($"Error waiting for unit states, exit status: {error}");
            return null;
        }
        return waiting;
    }
}
