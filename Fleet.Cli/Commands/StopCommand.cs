using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Lifecycle;
using Fleet.Cli.Parsing;
using Fleet.Core;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl stop</c>: brings launched units back to loaded and waits until they are.</summary>
internal static class StopCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "stop",
        "stop [--no-block|--block-attempts=N] UNIT...",
        "Instruct systemd to stop one or more units in the cluster.",
        """
        Stop one or more units from running in the cluster, but allow them to be
        started again in the future.

        Instructs systemd on the host machine to stop the unit, deferring to systemd
        completely for any custom stop directives (i.e. ExecStop option in the unit
        file).

        For units which are not global, stop operations are performed synchronously,
        which means fleetctl will block until it detects that the unit(s) have
        transitioned to a stopped state. This behaviour can be configured with the
        respective --block-attempts and --no-block options. Stop operations on global
        units are always non-blocking.

        Stop a single unit:
        fleetctl stop foo.service

        Stop an entire directory of units with glob matching, without waiting:
        fleetctl --no-block stop myservice/*
        """,
        "      --block-attempts int   Wait until the units are stopped, performing up to N attempts before giving up. A value of 0 indicates no limit. Does not apply to global units.\n" +
        "      --no-block             Do not wait until the units have stopped before exiting. Always the case for global units.\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        var flags = LifecycleFlags.AddTo(command, blocking: true, replaces: false, signs: false);
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => LifecycleRunner.RunAsync(context, setup, (session, t) => RunAsync(
            session,
            parse.GetValue<string[]>("args") ?? [],
            flags.Attempts(parse),
            t), token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(LifecycleSession session, string[] args, int attempts, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            session.Error("No units given");
            return 0;
        }
        var found = await RegistryUnits.FindAsync(session, args, cancellationToken).ConfigureAwait(false);
        if (found.IsLeft)
        {
            session.Error(found.Match(_ => "", error => error));
            return 1;
        }
        var units = found.Match(u => u, _ => []);
        if (units.Count == 0)
        {
            session.Error("Units not found in registry");
            return 0;
        }
        var stopping = new List<string>();
        foreach (var unit in units)
        {
            var global = GlobalUnits.Is(unit);
            if (!global && unit.CurrentState == DesiredState.Inactive)
            {
                session.Error($"Unable to stop unit {unit.Name} in state inactive");
                return 1;
            }
            if (!global && unit.CurrentState == DesiredState.Loaded) continue;
            // fleetctl does not look at the answer: a failure shows in the wait that follows.
            await session.RequestAsync((client, token) => client.SetDesiredStateAsync(unit.Name, DesiredState.Loaded, token), cancellationToken).ConfigureAwait(false);
            if (global) session.Out($"Triggered global unit {unit.Name} stop");
            else stopping.Add(unit.Name);
        }
        if (await UnitStateWait.TryWaitAsync(session, stopping, "stop", DesiredState.Loaded, attempts, cancellationToken).ConfigureAwait(false) is { } error)
        {
            session.Error($"Failed to stop units {GoLists.Format(stopping)}. err: {error}");
            return 1;
        }
        session.Error($"Successfully stopped units {GoLists.Format(stopping)}.");
        return 0;
    }
}
