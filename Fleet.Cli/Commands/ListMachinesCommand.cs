using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Output;
using Fleet.Cli.Parsing;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl list-machines</c>: the machines as a table.</summary>
internal static class ListMachinesCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "list-machines",
        "list-machines [-l|--full] [--no-legend]",
        "Enumerate the current hosts in the cluster",
        """
        Lists all active machines within the cluster. Previously active machines will not appear in this list.

        For easily parsable output, you can remove the column headers:
        fleetctl list-machines --no-legend

        Output the list without truncation:
        fleetctl list-machines --full
        """,
        $"      --fields string   Columns to print for each Machine. Valid fields are \"machine,ip,metadata\" (default \"{MachineFields.Default}\")\n" +
        "      --full            Do not ellipsize fields on output\n" +
        "      --l               Shorthand for --full\n" +
        "      --no-legend       Do not print a legend (column headers)\n");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        var table = TableFlags.AddTo(command, MachineFields.Default);
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => RunAsync(
            context,
            setup,
            table.Read(parse),
            token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ClientSetup setup, (string Fields, bool Full, bool NoLegend) flags, CancellationToken cancellationToken)
    {
        var (fields, full, noLegend) = flags;
        // The field list is checked before anything is sent, as fleetctl does.
        var columns = FieldList.Parse(context, fields, MachineFields.IsField);
        if (columns is null) return 1;

        var machines = await FleetConnection.UseAsync(setup, (client, token) => client.ListMachinesAsync(token), cancellationToken).ConfigureAwait(false);
        return machines.Match(
            Left: error =>
            {
                context.ErrorLine($"Error retrieving list of active machines from fleet API ({RequestErrors.Describe(error, setup, setup.Targets.Machines)})");
                context.Error("Possible issues:");
                context.Error("  etcd is unhealthy and/or lost quorum");
                context.Error("  connection cannot be established to any etcd servers");
                return 1;
            },
            Right: list =>
            {
                ColumnTable.Write(context.Stdout, columns, list, noLegend, (column, machine) => MachineFields.Value(column, machine, full));
                return 0;
            });
    }
}
