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
        var flags = LifecycleFlags.AddTo(command, blocking: true, replaces: true, signs: true);
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => LifecycleRunner.RunAsync(context, setup, (session, t) => RunAsync(
            session,
            parse.GetValue<string[]>("args") ?? [],
            flags,
            parse,
            t), token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(LifecycleSession session, string[] args, LifecycleFlags flags, ParseResult parse, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            session.Error("No units given");
            return 0;
        }
        if (await UnitCreation.CreateAsync(session, args, flags.Replace(parse), LifecycleFlags.Rules(parse), flags.GivenAttempts(parse), cancellationToken).ConfigureAwait(false) is { } failure)
        {
            session.Error($"Error creating units: {failure}");
            return 1;
        }
        var triggered = await TargetStates.SetAsync(session, args, DesiredState.Loaded, cancellationToken).ConfigureAwait(false);
        if (triggered.IsLeft)
        {
            session.Error($"Error loading units: {triggered.Match(_ => "", error => error)}");
            return 1;
        }
        var loading = new List<string>();
        foreach (var unit in triggered.Match(units => units, _ => []))
        {
            if (GlobalUnits.Is(unit)) session.Out($"Triggered global unit {unit.Name} load");
            else loading.Add(unit.Name);
        }
        if (await UnitStateWait.TryWaitAsync(session, loading, "load", DesiredState.Loaded, flags.Attempts(parse), cancellationToken).ConfigureAwait(false) is { } error)
        {
            session.Error($"Error waiting for unit states, exit status: {error}");
            return 1;
        }
        return 0;
    }
}
