using System.Diagnostics;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// fleetctl's <c>tryWaitForSystemdActiveState</c>, which <c>start</c> runs after the units are
/// launched: each unit's published systemd state is looked at once per poll interval until it is
/// loaded and active. fleetctl gives up after one attempt (2 s) whatever <c>--block-attempts</c>
/// says (its first failure ends the wait), and so does this.
/// </summary>
internal static class SystemdActiveWait
{
    /// <summary>Waits, or with <c>--no-block</c> prints fleetctl's <c>Triggered unit NAME start</c> for each unit instead.</summary>
    /// <param name="session">The run.</param>
    /// <param name="names">The units started.</param>
    /// <param name="attempts">fleetctl's <c>getBlockAttempts</c>: negative for no blocking.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The error fleetctl reports, or null when every unit is active.</returns>
    public static async Task<string?> TryWaitAsync(LifecycleSession session, IReadOnlyList<string> names, int attempts, CancellationToken cancellationToken)
    {
        if (attempts <= -1)
        {
            foreach (var name in names) session.Out($"Triggered unit {name} start");
            return null;
        }
        var pending = names.ToList();
        if (pending.Count == 0) return null;
        foreach (var name in names) session.Board.Watch(name, "active");
        var started = Stopwatch.GetTimestamp();
        using var ticks = new PeriodicTimer(session.Timing.PollInterval);
        try
        {
            while (pending.Count > 0)
            {
                await ticks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
                var active = new List<string>();
                foreach (var name in pending.Distinct(StringComparer.Ordinal))
                {
                    if (await IsActiveAsync(session, name, cancellationToken).ConfigureAwait(false))
                    {
                        active.Add(name);
                        session.Board.Drop(name);
                    }
                }
                pending.RemoveAll(active.Contains);
                if (pending.Count > 0 && Stopwatch.GetElapsedTime(started) >= session.Timing.AttemptLength)
                {
                    var within = session.Timing.AttemptText;
                    var error = $"Failed to find an active unit {pending[0]} within {within}, err: Failed to fetch states within {within}";
                    session.Error($"Error waiting for units: {error}");
                    return error;
                }
            }
            return null;
        }
        finally
        {
            foreach (var name in names) session.Board.Drop(name);
        }
    }

    // fleetctl's assertSystemdActiveState; a failed look (a unit with no state yet) is tried again.
    private static async Task<bool> IsActiveAsync(LifecycleSession session, string name, CancellationToken cancellationToken)
    {
        var state = await session.RequestAsync((client, token) => client.GetUnitStateAsync(name, token), cancellationToken).ConfigureAwait(false);
        return state.Match(
            Right: seen =>
            {
                session.Board.Saw(name, seen.SystemdActiveState, session.Machines.Display(seen.MachineId));
                return seen is { SystemdActiveState: "active", SystemdLoadState: "loaded" };
            },
            Left: _ => false);
    }
}
