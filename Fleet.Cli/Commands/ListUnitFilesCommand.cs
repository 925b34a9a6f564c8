using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Output;
using Fleet.Cli.Parsing;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl list-unit-files</c>: every unit in the registry as a table.</summary>
internal static class ListUnitFilesCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "list-unit-files",
        "list-unit-files [--fields]",
        "List the units that exist in the cluster.",
        "Lists all unit files that exist in the cluster (whether or not they are loaded onto a machine).",
        $"      --fields string   Columns to print for each Unit file. Valid fields are \"{UnitFileFields.Names}\" (default \"{UnitFileFields.Default}\")\n" +
        "      --full            Do not ellipsize fields on output\n" +
        "      --no-legend       Do not print a legend (column headers)\n");

    /// <summary>The command. Unlike the other listings it has no <c>--l</c>, as in fleetctl.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        var table = TableFlags.AddTo(command, UnitFileFields.Default, withShorthand: false);
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
        var columns = FieldList.Parse(context, fields, UnitFileFields.IsField, column =>
        {
            if (column == "tmachine") context.Error("WARNING: The \"tmachine\" field is deprecated. Use \"target\" instead");
        });
        if (columns is null) return 1;

        var listed = await FleetConnection.UseAsync(setup, (client, token) => ReadAsync(client, columns, token), cancellationToken).ConfigureAwait(false);
        return listed.Match(
            Left: error =>
            {
                context.ErrorLine($"Error retrieving list of units from repository: {RequestErrors.Describe(error, setup, setup.Targets.Units)}");
                return 1;
            },
            Right: read =>
            {
                ColumnTable.Write(context.Stdout, columns, read.Units, noLegend, (column, unit) => UnitFileFields.Value(column, unit, full, read.Machines));
                return 0;
            });
    }

    // The machines are read only when a target column needs one.
    private static async Task<Either<APIError, (IReadOnlyList<FleetUnit> Units, MachineLegends Machines)>> ReadAsync(FleetClient client, string[] columns, CancellationToken cancellationToken)
    {
        if ((await client.ListUnitsAsync(cancellationToken).ConfigureAwait(false)).Failed(out var list, out var error)) return error;
        var needed = columns.Any(column => column is "target" or "tmachine") && list.Any(unit => !string.IsNullOrEmpty(unit.MachineId) && !UnitFileFields.IsGlobal(unit));
        return (list, await MachineLegends.ReadAsync(client, needed, cancellationToken).ConfigureAwait(false));
    }
}
