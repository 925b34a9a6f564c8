using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Lifecycle;
using Fleet.Cli.Parsing;
using Fleet.Core;

namespace Fleet.Cli.Commands;

/// <summary>
/// <c>fleetctl restart</c>: one unit after the other, a launched unit is stopped (loaded) and
/// started again, a loaded one only started.
/// </summary>
/// <remarks>
/// fleetctl v1.0.0 waits for <c>launched</c> after asking for <c>loaded</c> too, which only ends
/// because a real fleet keeps reporting a stopped unit launched until its heartbeat expires;
/// against a fleet that reports the stop at once (the simulated one) that wait would never end.
/// Here each step waits for the state it asked for, so the first line says <c>loaded</c> where
/// fleetctl's says <c>launched</c>. Global units are left alone, as fleetctl v1.0.0 leaves them:
/// it restarts them over SSH on the machines the API names for them, and the API names none.
/// </remarks>
internal static class RestartCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "restart",
        "restart [--block-attempts=N] UNIT...",
        "Instruct systemd to rolling restart one or more units in the cluster.",
        "Restarts one or more units in the cluster. If they are stopped it starts them.\n" +
        "\n" +
        "Instructs systemd on the host machine to stop then start the unit, deferring to systemd\n" +
        "completely for any custom restart directives (i.e. ExecStop options in the unit\n" +
        "file).\n" +
        "\n" +
        "For units which are not global, restart operations are performed synchronously,\n" +
        "which means fleetctl will block until it detects that the unit(s) have\n" +
        "transitioned to a stopped state and then back to a started state. This behaviour can be configured with the\n" +
        "respective --block-attempts options. Restart operations on global\n" +
        "units are always non-blocking.\n" +
        "\n" +
        "Restart a single unit:\n" +
        "\tfleetctl restart foo.service\n" +
        "\n" +
        "Restart an entire directory of units with glob matching, without waiting:\n" +
        "\tfleetctl restart myservice/*",
        "      --block-attempts int   Wait until the units are stopped/started, performing up to N attempts before giving up. A value of 0 indicates no limit. Does not apply to global units.\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        var flags = LifecycleFlags.AddTo(command, context, blocking: true, replaces: false, signs: false, noBlock: false);
        LifecycleRunner.SetAction(command, context, globals, (session, parse, args, token) => RunAsync(session, args, flags.GivenAttempts(parse), flags.Attempts(parse), token));
        return command;
    }

    private static async Task<int> RunAsync(LifecycleSession session, string[] args, int givenAttempts, int attempts, CancellationToken cancellationToken)
    {
        if ((await RegistryUnits.FindAsync(session, args, cancellationToken).ConfigureAwait(false)).Failed(out var found, out var unlisted))
        {
            session.Error(unlisted);
            return 1;
        }
        // As in fleetctl, units the arguments name but the registry lacked are created here, and
        // not restarted: the units to restart were found before.
        if (await UnitCreation.CreateAsync(session, args, replace: false, rules: null, givenAttempts, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            session.Error($"Error creating units: {failure}");
            return 1;
        }
        foreach (var unit in found)
        {
            if (GlobalUnits.Is(unit)) continue;
            if (unit.CurrentState == DesiredState.Inactive)
            {
                session.Error($"Unable to restart unit {unit.Name} in state inactive");
                continue;
            }
            if (unit.CurrentState == DesiredState.Loaded)
            {
                session.Logged("INFO", "restart.go:82", $"Unit({unit.Name}) already loaded, starting.");
                if (await SetAndWaitAsync(session, unit.Name, DesiredState.Launched, attempts, cancellationToken).ConfigureAwait(false) != 0) return 1;
                continue;
            }
            if (await SetAndWaitAsync(session, unit.Name, DesiredState.Loaded, attempts, cancellationToken).ConfigureAwait(false) != 0) return 1;
            if (await SetAndWaitAsync(session, unit.Name, DesiredState.Launched, attempts, cancellationToken).ConfigureAwait(false) != 0) return 1;
            session.Logged("INFO", "restart.go:100", $"Unit({unit.Name}) was restarted.");
        }
        return 0;
    }

    // fleetctl's setUnitStateAndWait.
    private static async Task<int> SetAndWaitAsync(LifecycleSession session, string name, DesiredState state, int attempts, CancellationToken cancellationToken)
    {
        var set = await session.RequestAsync((client, token) => client.SetDesiredStateAsync(name, state, token), cancellationToken).ConfigureAwait(false);
        if (set.Failed(out _, out var refused))
        {
            session.Error($"Error setting target state for unit {name}: {session.Describe(refused, "PUT", session.Setup.UnitTarget(name))}");
            return 1;
        }
        if (await UnitStateWait.TryWaitAsync(session, [name], "restart", state, attempts, cancellationToken).ConfigureAwait(false) is { } error)
        {
            session.Error($"Error waiting for unit states, exit status: {error}");
            return 1;
        }
        return 0;
    }
}
