using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Output;
using Fleet.Cli.Parsing;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl list-machines</c>: the machines as a table.</summary>
internal static class ListMachinesCommand
{
    private const string MachinesPath = "machines?alt=json";

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
        var full = TableOptions.Full();
        var l = TableOptions.FullShorthand();
        var noLegend = TableOptions.NoLegend();
        var fields = TableOptions.Fields(MachineFields.Default);
        var command = CommandShape.Create(Help);
        command.Options.Add(fields);
        command.Options.Add(full);
        command.Options.Add(l);
        command.Options.Add(noLegend);
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => RunAsync(
            context,
            setup,
            parse.GetValue(fields) ?? MachineFields.Default,
            parse.GetValue(full) ?? parse.GetValue(l) ?? false,
            parse.GetValue(noLegend) ?? false,
            token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ClientSetup setup, string fields, bool full, bool noLegend, CancellationToken cancellationToken)
    {
        // The field list is checked before anything is sent, as fleetctl does.
        if (fields.Length == 0)
        {
            context.Error("Must define output format");
            return 1;
        }
        var columns = fields.Split(',');
        foreach (var column in columns)
        {
            if (!MachineFields.IsField(column))
            {
                context.Error($"Invalid key in output format: {Core.Text.GoQuoting.Quote(column)}");
                return 1;
            }
        }

        var machines = await FleetConnection.UseAsync(setup, (client, token) => client.ListMachinesAsync(token), cancellationToken).ConfigureAwait(false);
        return machines.Match(
            Left: error =>
            {
                context.Error($"Error retrieving list of active machines from fleet API ({RequestErrors.Describe(error, setup, MachinesPath)})");
                context.Error("Possible issues:");
                context.Error("  etcd is unhealthy and/or lost quorum");
                context.Error("  connection cannot be established to any etcd servers");
                return 1;
            },
            Right: list =>
            {
                var table = new GoTabWriter(context.Stdout);
                if (!noLegend) table.WriteLine(string.Join('\t', columns).ToUpperInvariant());
                foreach (var machine in list) table.WriteLine(string.Join('\t', columns.Select(column => MachineFields.Value(column, machine, full))));
                table.Flush();
                return 0;
            });
    }
}
