using System.Diagnostics;
using Fleet.Core;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// fleetctl's <c>waitForUnitStates</c>: every unit is looked at once per poll interval (the first
/// look one interval after the start, as fleetctl's ticker does) until its state is the one
/// awaited: its current state, or for a global unit, which has none, its desired state. Each unit
/// that gets there prints <c>Unit NAME STATE</c>, with <c>on MACHINE</c> when fleetctl would know
/// the machine. Failed looks are tried again, as fleetctl's are. With attempts (N &gt; 0) a unit
/// gives up after N × 2 s; with none it waits until it gets there or the command is stopped.
/// </summary>
/// <remarks>
/// fleetctl polls every unit in a goroutine of its own, so the order of lines that appear
/// together is a race. Here the units are polled together and the lines of one round come out by
/// fixed rules that reproduce what fleetctl v1.0.0 printed:
/// <list type="number">
/// <item>Units judged by their current state come first, in the arguments' order, then global
/// units (judged by their desired state), in the arguments' order. fleetctl's <c>submit</c> of six
/// units printed the global <c>monitor.service</c> last although it was fifth: it lost that race.</item>
/// <item>fleetctl reads the machines for <c>on MACHINE</c> once per run, and its cache is marked
/// filled before the read completes, so a unit that reaches its state while another's read is in
/// flight finds no machine and prints no <c>on</c>, before the reader's line. Here, when a
/// round has several lines that need a machine and the machines have not been read, the last of
/// them reads them and the others print without <c>on</c>, ahead of it: fleetctl's
/// <c>start web@1.service web@2.service</c> printed <c>Unit web@1.service launched</c> and then
/// <c>Unit web@2.service launched on 9a805ebd.../172.17.8.103</c>.</item>
/// </list>
/// </remarks>
internal static class UnitStateWait
{
    /// <summary>
    /// fleetctl's <c>tryWaitForUnitStates</c>: with <c>--no-block</c> (negative attempts) it only
    /// prints <c>Triggered unit NAME VERB</c> for each unit; otherwise it waits, and the first unit
    /// to give up ends the wait with fleetctl's error, which is printed and returned.
    /// </summary>
    /// <param name="session">The run.</param>
    /// <param name="names">The units.</param>
    /// <param name="verb">The command's word for the lines (<c>load</c>, <c>start</c>, <c>stop</c>, <c>unload</c>).</param>
    /// <param name="target">The state awaited.</param>
    /// <param name="attempts">fleetctl's <c>getBlockAttempts</c>: negative for no blocking, 0 for no limit.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The error, or null when every unit got there (or none was awaited).</returns>
    public static async Task<string?> TryWaitAsync(LifecycleSession session, IReadOnlyList<string> names, string verb, DesiredState target, int attempts, CancellationToken cancellationToken)
    {
        if (attempts <= -1)
        {
            foreach (var name in names) session.Out($"Triggered unit {name} {verb}");
            return null;
        }
        var gaveUp = await WaitAsync(session, names, target, attempts, cancellationToken).ConfigureAwait(false);
        if (gaveUp.Count == 0) return null;
        var error = TimedOut(gaveUp[0], target);
        session.Error($"Error waiting for units: {error}");
        return error;
    }

    /// <summary>fleetctl's error for a unit that gave up.</summary>
    /// <param name="name">The unit.</param>
    /// <param name="target">The state it did not reach.</param>
    /// <returns>The text.</returns>
    public static string TimedOut(string name, DesiredState target) => $"timed out waiting for unit {name} to report state {target.ToFleetString()}";

    /// <summary>Waits for the units to reach <paramref name="target"/>.</summary>
    /// <param name="session">The run.</param>
    /// <param name="names">The units, in the arguments' order (a unit may come twice and is then awaited twice).</param>
    /// <param name="target">The state awaited.</param>
    /// <param name="attempts">How many attempts before giving up; less than 1 for no limit.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The units that gave up, in the arguments' order; empty when all got there.</returns>
    public static async Task<IReadOnlyList<string>> WaitAsync(LifecycleSession session, IReadOnlyList<string> names, DesiredState target, int attempts, CancellationToken cancellationToken)
    {
        var pending = names.Select((name, index) => new Awaited(index, name)).ToList();
        if (pending.Count == 0) return [];
        var targetText = target.ToFleetString();
        foreach (var name in names) session.Board.Watch(name, targetText);
        var started = Stopwatch.GetTimestamp();
        using var ticks = new PeriodicTimer(session.Timing.PollInterval);
        try
        {
            while (pending.Count > 0)
            {
                await ticks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
                var reached = new List<Reached>();
                foreach (var awaited in pending)
                {
                    if (await LookAsync(session, awaited, target, cancellationToken).ConfigureAwait(false) is { } arrived) reached.Add(arrived);
                }
                await ReportAsync(session, reached, cancellationToken).ConfigureAwait(false);
                pending.RemoveAll(awaited => reached.Any(r => r.Awaited == awaited));
                if (pending.Count > 0 && attempts >= 1 && Stopwatch.GetElapsedTime(started) >= session.Timing.AttemptLength * attempts)
                {
                    return [.. pending.Select(awaited => awaited.Name)];
                }
            }
            return [];
        }
        finally
        {
            foreach (var name in names) session.Board.Drop(name);
        }
    }

    // fleetctl's assertUnitState, without the printing; null when not there yet.
    private static async Task<Reached?> LookAsync(LifecycleSession session, Awaited awaited, DesiredState target, CancellationToken cancellationToken)
    {
        var found = await session.FindUnitAsync(awaited.Name, cancellationToken).ConfigureAwait(false);
        var unit = found.OrNull();
        if (unit is null) return null;
        var global = GlobalUnits.Is(unit);
        var state = global ? unit.DesiredState : unit.CurrentState;
        session.Board.Saw(awaited.Name, state?.ToFleetString(), session.Machines.Display(unit.MachineId));
        return state == target ? new Reached(awaited, unit, global) : null;
    }

    private static async Task ReportAsync(LifecycleSession session, List<Reached> reached, CancellationToken cancellationToken)
    {
        var ordered = reached.OrderBy(r => r.Global).ThenBy(r => r.Awaited.Index).ToList();
        var reader = ordered.LastOrDefault(r => !string.IsNullOrEmpty(r.Unit.MachineId));
        foreach (var line in ordered)
        {
            var text = $"Unit {line.Awaited.Name} {line.Unit.CurrentState?.ToFleetString()}";
            if (line.Unit.MachineId is { Length: > 0 } machineId)
            {
                if (!session.Machines.IsRead && line == reader) await session.ReadMachinesAsync(cancellationToken).ConfigureAwait(false);
                if (session.Machines.Legend(machineId) is { } legend) text += $" on {legend}";
            }
            session.Board.Drop(line.Awaited.Name);
            session.Out(text);
        }
    }

    private sealed record Awaited(int Index, string Name);

    private sealed record Reached(Awaited Awaited, FleetUnit Unit, bool Global);
}
