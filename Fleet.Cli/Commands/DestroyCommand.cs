using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Lifecycle;
using Fleet.Cli.Output;
using Fleet.Cli.Parsing;
using Fleet.Core;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl destroy</c>: removes units from the registry.</summary>
internal static class DestroyCommand
{
    // fleetctl's defaultSleepTime between checks.
    private static readonly TimeSpan SleepTime = TimeSpan.FromSeconds(2);

    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "destroy",
        "destroy UNIT...",
        "Destroy one or more units in the cluster",
        """
        Completely remove one or more running or submitted units from the cluster.

        Instructs systemd on the host machine to destroy the unit, deferring to systemd
        completely for any custom stop directives (i.e. ExecStop option in the unit
        file).

        Destroyed units are impossible to start unless re-submitted.
        """,
        "      --block-attempts int   Wait until the units are destroyed, performing up to N attempts before giving up. A value of 0 indicates no limit. Does not apply to global units.\n" +
        "      --no-block             Do not wait until the units are destroyed before exiting. Always the case for global units.\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        // The same --block-attempts and --no-block as the lifecycle commands, read as pflag reads them.
        var flags = LifecycleFlags.AddTo(command, context, blocking: true, replaces: false, signs: false);
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => RunAsync(
            context,
            setup,
            parse.GetValue<string[]>("args") ?? [],
            flags.Attempts(parse) < 0,
            flags.GivenAttempts(parse),
            token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ClientSetup setup, string[] args, bool noBlock, int blockAttempts, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            context.Error("No units given");
            return 0;
        }
        var outcome = await FleetConnection.UseAsync<int>(setup, async (client, token) =>
        {
            if ((await client.ListUnitsAsync(token).ConfigureAwait(false)).Failed(out var units, out var error)) return error;
            return await DestroyAsync(context, setup, client, Find(units, args), noBlock, blockAttempts, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return outcome.Match(
            Left: error =>
            {
                context.ErrorLine(RequestErrors.Describe(error, setup, setup.Targets.Units));
                return 1;
            },
            Right: exit => exit);
    }

    // fleetctl's findUnits: the named units the registry holds, in the arguments' order.
    private static List<FleetUnit> Find(IReadOnlyList<FleetUnit> units, string[] args)
    {
        var byName = new Dictionary<string, FleetUnit>(StringComparer.Ordinal);
        foreach (var unit in units) byName[unit.Name] = unit;
        return [.. args.Select(UnitArguments.Mangle).Where(byName.ContainsKey).Select(name => byName[name])];
    }

    private static async Task<int> DestroyAsync(CliContext context, ClientSetup setup, FleetClient client, List<FleetUnit> units, bool noBlock, int blockAttempts, CancellationToken cancellationToken)
    {
        if (units.Count == 0)
        {
            context.Error("Units not found in registry");
            return 0;
        }
        var exit = 0;
        foreach (var unit in units)
        {
            if ((await client.DestroyUnitAsync(unit.Name, cancellationToken).ConfigureAwait(false)).Failed(out _, out var error))
            {
                // Another client may have destroyed it since the listing: that is not an error.
                if (error.Kind == ErrorKind.Http && error.Code == 404) continue;
                context.ErrorLine($"Error destroying units: {RequestErrors.Describe(error, setup, setup.UnitTarget(unit.Name))}");
                exit = 1;
                continue;
            }
            // fleetctl v1.0.0 waits for the unit to vanish only when --no-block is given (its test is
            // inverted); kept, as the printed result is the same and the timing is fleetctl's.
            if (noBlock && !await WaitGoneAsync(context, setup, client, unit.Name, blockAttempts, cancellationToken).ConfigureAwait(false)) exit = 1;
            context.Out($"Destroyed {unit.Name}");
        }
        return exit;
    }

    private static async Task<bool> WaitGoneAsync(CliContext context, ClientSetup setup, FleetClient client, string name, int blockAttempts, CancellationToken cancellationToken)
    {
        var attempts = blockAttempts;
        while (blockAttempts < 1 || --attempts != 0)
        {
            if ((await client.GetUnitAsync(name, cancellationToken).ConfigureAwait(false)).Failed(out _, out var error))
            {
                if (error.Kind == ErrorKind.Http && error.Code == 404) return true;
                context.ErrorLine($"Error destroying units: {RequestErrors.Describe(error, setup, setup.UnitTarget(name))}");
                return false;
            }
            await Task.Delay(SleepTime, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }
}
