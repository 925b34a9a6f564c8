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
        var flags = LifecycleFlags.AddTo(command, context, blocking: true, replaces: false, signs: false);
        LifecycleRunner.SetAction(command, context, globals, (session, parse, args, token) => UnitDescheduling.RunAsync(
            session,
            args,
            flags.Attempts(parse),
            DesiredState.Loaded,
            "stop",
            "stopped",
            unit => unit.CurrentState == DesiredState.Inactive ? $"Unable to stop unit {unit.Name} in state inactive" : null,
            token));
        return command;
    }
}
