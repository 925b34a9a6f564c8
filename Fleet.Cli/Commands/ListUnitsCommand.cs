using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Output;
using Fleet.Cli.Parsing;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl list-units</c>: the state of every unit loaded onto a machine, as a table.</summary>
internal static class ListUnitsCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "list-units",
        "list-units [--no-legend] [-l|--full] [--fields]",
        "List the current state of units in the cluster",
        """
        Lists the state of all units in the cluster loaded onto a machine.

        For easily parsable output, you can remove the column headers:
        fleetctl list-units --no-legend

        Output the list without ellipses:
        fleetctl list-units --full

        Or, choose the columns to display:
        fleetctl list-units --fields=unit,machine
        """,
        $"      --fields string   Columns to print for each Unit. Valid fields are \"{UnitStateFields.Names}\" (default \"{UnitStateFields.Default}\")\n" +
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
        var table = TableFlags.AddTo(command, UnitStateFields.Default);
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
        var columns = FieldList.Parse(context, fields, UnitStateFields.IsField);
        if (columns is null) return 1;

        var listed = await FleetConnection.UseAsync(setup, (client, token) => ReadAsync(client, columns, token), cancellationToken).ConfigureAwait(false);
        return listed.Match(
            Left: error =>
            {
                context.ErrorLine($"Error retrieving list of units from repository: {RequestErrors.Describe(error, setup, setup.Targets.States)}");
                return 1;
            },
            Right: read =>
            {
                ColumnTable.Write(context.Stdout, columns, read.States, noLegend, (column, state) => UnitStateFields.Value(column, state, full, read.Machines));
                return 0;
            });
    }

    // The machines are read only when the machine column needs one.
    private static async Task<Either<APIError, (IReadOnlyList<UnitState> States, MachineLegends Machines)>> ReadAsync(FleetClient client, string[] columns, CancellationToken cancellationToken)
    {
        if ((await client.ListUnitStatesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Failed(out var list, out var error)) return error;
        var needed = columns.Contains("machine", StringComparer.Ordinal) && list.Any(state => !string.IsNullOrEmpty(state.MachineId));
        return (list, await MachineLegends.ReadAsync(client, needed, cancellationToken).ConfigureAwait(false));
    }
}
