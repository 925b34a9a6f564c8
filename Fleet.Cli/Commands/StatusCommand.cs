using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Parsing;
using Fleet.Cli.Remote;
using Fleet.Core;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl status</c>: <c>systemctl status</c> of units, run on the machines they are on.</summary>
internal static class StatusCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "status",
        "status [--ssh-port=N] UNIT...",
        "Output the status of one or more units in the cluster",
        "Output the status of one or more units currently running in the cluster.\n" +
        "Supports glob matching of units in the current working directory or matches\n" +
        "previously started units.\n" +
        "\n" +
        "Show status of a single unit:\n" +
        "\tfleetctl status foo.service\n" +
        "\n" +
        "Show status of an entire directory with glob matching:\n" +
        "fleetctl status myservice/*\n" +
        "\n" +
        "This command does not work with global units.",
        "      --ssh-port int   Connect to remote hosts over SSH using this TCP port. (default 22)\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes, and the terminal for remote commands.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var sshPort = RemoteFlags.SshPort();
        var command = CommandShape.Create(Help);
        command.Options.Add(sshPort);
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => RunAsync(
            context,
            setup,
            RemoteRunner.For(parse, globals, context, sshPort),
            parse.GetValue<string[]>("args") ?? [],
            token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ClientSetup setup, RemoteRunner runner, string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0) return 0;
        try
        {
            await using var cluster = await ClusterLookup.ConnectAsync(setup, cancellationToken).ConfigureAwait(false);
            return await StatusAsync(context, runner, cluster, args, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return RemoteCancellation.ExitCode;
        }
    }

    // fleetctl's runStatusUnit.
    private static async Task<int> StatusAsync(CliContext context, RemoteRunner runner, ClusterLookup cluster, string[] args, CancellationToken cancellationToken)
    {
        var exit = 0;
        var globalUnits = new List<FleetUnit>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = UnitArguments.Mangle(args[i]);
            var (unit, error) = await cluster.UnitAsync(name, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                context.Error($"Error retrieving unit: {error}");
                return 1;
            }
            if (unit is null)
            {
                context.Error($"Unit {name} does not exist.");
                return 1;
            }
            if (ClusterLookup.IsGlobal(unit))
            {
                globalUnits.Add(unit);
                continue;
            }
            if (unit.CurrentState == DesiredState.Inactive)
            {
                context.Error($"Unit {unit.Name} does not appear to be loaded.");
                return 1;
            }
            // As systemctl separates the units it shows.
            if (i != 0)
            {
                context.Stdout.Write("\n");
                await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            var code = await runner.RunCommandAsync(cluster, unit.MachineId ?? "", "systemctl", ["status", "-l", unit.Name], cancellationToken).ConfigureAwait(false);
            if (code != 0)
            {
                exit = code;
                break;
            }
        }

        if (await GlobalUnitsAsync(runner, cluster, globalUnits, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            context.Error($"Error retrieving machine state for global units: {failure}");
            return 1;
        }
        return exit;
    }

    // fleetctl's cmdGlobalMachineState: "systemctl status" on the machines of global units that
    // name one. fleet gives a global unit no machine, so in practice nothing runs.
    private static async Task<string?> GlobalUnitsAsync(RemoteRunner runner, ClusterLookup cluster, List<FleetUnit> units, CancellationToken cancellationToken)
    {
        var byMachine = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var machine = await cluster.CachedMachineAsync(unit.MachineId ?? "", cancellationToken).ConfigureAwait(false);
            if (machine is null || machine.Id.Length == 0 || string.IsNullOrEmpty(machine.PrimaryIp)) continue;
            byMachine[machine.Id] = unit.Name;
        }
        foreach (var (id, name) in byMachine)
        {
            if (await runner.RunCommandAsync(cluster, id, "systemctl", ["status", name], cancellationToken).ConfigureAwait(false) != 0)
            {
                return $"Error running systemctl status. machine id={id}, unit name={name}";
            }
        }
        return null;
    }
}
