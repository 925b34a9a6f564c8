using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Lifecycle;
using Fleet.Cli.Parsing;
using Fleet.Core;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl start</c>: launches units (submitting and scheduling them first if needed) and waits until systemd runs them.</summary>
internal static class StartCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "start",
        "start [--no-block|--block-attempts=N] UNIT...",
        "Instruct systemd to start one or more units in the cluster, first submitting and loading if necessary.",
        """
        Start one or many units on the cluster. Select units to start by glob matching
        for units in the current working directory or matching names of previously
        submitted units.

        For units which are not global, start operations are performed synchronously,
        which means fleetctl will block until it detects that the unit(s) have
        transitioned to a started state. This behaviour can be configured with the
        respective --block-attempts and --no-block options. Start operations on global
        units are always non-blocking.

        Start a single unit:
        fleetctl start foo.service

        Start an entire directory of units with glob matching:
        fleetctl start myservice/*

        You may filter suitable hosts based on metadata provided by the machine.
        Machine metadata is located in the fleet configuration file.
        """,
        "      --block-attempts int   Wait until the units are launched, performing up to N attempts before giving up. A value of 0 indicates no limit. Does not apply to global units.\n" +
        "      --no-block             Do not wait until the units have launched before exiting. Always the case for global units.\n" +
        "      --replace              Replace the already started units in the cluster with new versions.\n" +
        "      --sign                 DEPRECATED - this option cannot be used\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        var flags = LifecycleFlags.AddTo(command, context, blocking: true, replaces: true, signs: true);
        LifecycleRunner.SetAction(command, context, globals, (session, parse, args, token) => RunAsync(session, args, flags, parse, token));
        return command;
    }

    private static async Task<int> RunAsync(LifecycleSession session, string[] args, LifecycleFlags flags, ParseResult parse, CancellationToken cancellationToken)
    {
        var starting = await UnitScheduling.RunAsync(session, args, flags, parse, DesiredState.Launched, "start", cancellationToken).ConfigureAwait(false);
        if (starting is null) return 1;
        // With --no-block this prints "Triggered unit NAME start" a second time: fleetctl v1.0.0's
        // systemd wait has its own no-block branch with the same words as the state wait's.
        if (await SystemdActiveWait.TryWaitAsync(session, starting, flags.Attempts(parse), cancellationToken).ConfigureAwait(false) is { } systemd)
        {
            session.Error($"Error waiting for systemd unit states, err: {systemd}");
            return 1;
        }
        return 0;
    }
}
