using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Lifecycle;
using Fleet.Cli.Parsing;
using Fleet.Core;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl load</c>: schedules units onto machines (submitting them first if needed) and waits until they are loaded.</summary>
internal static class LoadCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "load",
        "load [--no-block|--block-attempts=N] UNIT...",
        "Schedule one or more units in the cluster, first submitting them if necessary.",
        """
        Load one or many units in the cluster into systemd, but do not start.

        Select units to load by glob matching for units in the current working directory
        or matching the names of previously submitted units.

        For units which are not global, load operations are performed synchronously,
        which means fleetctl will block until it detects that the unit(s) have
        transitioned to a loaded state. This behaviour can be configured with the
        respective --block-attempts and --no-block options. Load operations on global
        units are always non-blocking.
        """,
        "      --block-attempts int   Wait until the jobs are loaded, performing up to N attempts before giving up. A value of 0 indicates no limit. Does not apply to global units.\n" +
        "      --no-block             Do not wait until the jobs have been loaded before exiting. Always the case for global units.\n" +
        "      --replace              Replace the old scheduled units in the cluster with new versions.\n" +
        "      --sign                 DEPRECATED - this option cannot be used\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        var flags = LifecycleFlags.AddTo(command, context, blocking: true, replaces: true, signs: true);
        LifecycleRunner.SetAction(command, context, globals, async (session, parse, args, token) =>
            await UnitScheduling.RunAsync(session, args, flags, parse, DesiredState.Loaded, "load", token).ConfigureAwait(false) is null ? 1 : 0);
        return command;
    }
}
