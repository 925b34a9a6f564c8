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
        var waiting = new List<string>();
        foreach (var unit in units)
        {
            var global = GlobalUnits.Is(unit);
            if (!global && unit.CurrentState == DesiredState.Inactive) continue;
            // fleetctl does not look at the answer: a failure shows in the wait that follows.
            await session.RequestAsync((client, token) => client.SetDesiredStateAsync(unit.Name, DesiredState.Inactive, token), cancellationToken).ConfigureAwait(false);
            if (global) session.Out($"Triggered global unit {unit.Name} unload");
            else waiting.Add(unit.Name);
        }
        if (await UnitStateWait.TryWaitAsync(session, waiting, "unload", DesiredState.Inactive, attempts, cancellationToken).ConfigureAwait(false) is { } error)
        {
            session.Error($"Failed to unload units {GoLists.Format(waiting)}. err: {error}");
            return 1;
        }
        session.Error($"Successfully unloaded units {GoLists.Format(waiting)}.");
        return 0;
    }
}
