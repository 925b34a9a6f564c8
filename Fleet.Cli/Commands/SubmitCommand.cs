using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Lifecycle;
using Fleet.Cli.Parsing;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl submit</c>: creates units from local files (or templates) without scheduling them.</summary>
internal static class SubmitCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "submit",
        "submit UNIT...",
        "Upload one or more units to the cluster without starting them",
        """
        Upload one or more units to the cluster without starting them. Useful
        for validating units before they are started.

        This operation is idempotent; if a named unit already exists in the cluster, it will not be resubmitted.

        Submit a single unit:
        fleetctl submit foo.service

        Submit a directory of units with glob matching:
        fleetctl submit myservice/*
        """,
        "      --replace   Replace the old submitted units in the cluster with new versions.\n" +
        "      --sign      DEPRECATED - this option cannot be used\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        var flags = LifecycleFlags.AddTo(command, context, blocking: false, replaces: true, signs: true);
        LifecycleRunner.SetAction(command, context, globals, (session, parse, args, token) => RunAsync(session, args, flags.Replace(parse), flags.Rules(), token));
        return command;
    }

    private static async Task<int> RunAsync(LifecycleSession session, string[] args, bool replace, ReplaceRules? rules, CancellationToken cancellationToken)
    {
        // submit has no --block-attempts: fleetctl's creation wait then reads 0, no limit.
        if (await UnitCreation.CreateAsync(session, args, replace, rules, attempts: 0, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            session.Error($"Error creating units: {failure}");
            return 1;
        }
        return 0;
    }
}
