using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Lifecycle;
using Fleet.Cli.Parsing;
using Fleet.Core;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl unload</c>: takes units off their machines (desired state inactive) and waits until they are.</summary>
internal static class UnloadCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "unload",
        "unload UNIT...",
        "Unschedule one or more units in the cluster.",
        "",
        "      --block-attempts int   Wait until the units are inactive, performing up to N attempts before giving up. A value of 0 indicates no limit.\n" +
        "      --no-block             Do not wait until the units have become inactive before exiting.\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        var flags = LifecycleFlags.AddTo(command, context, blocking: true, replaces: false, signs: false);
        LifecycleRunner.SetAction(command, context, globals, (session, parse, args, token) =>
            UnitDescheduling.RunAsync(session, args, flags.Attempts(parse), DesiredState.Inactive, "unload", "unloaded", _ => null, token));
        return command;
    }

}
