using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Output;
using Fleet.Cli.Parsing;
using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl cat</c>: the unit file the registry holds for one unit.</summary>
internal static class CatCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "cat",
        "cat UNIT",
        "Output the contents of a submitted unit",
        """
        Outputs the unit file that is currently loaded in the cluster. Useful to verify
        the correct version of a unit is running.
        """,
        "");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (setup, token) => RunAsync(
            context, setup, parse.GetValue<string[]>("args") ?? [], token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ClientSetup setup, string[] args, CancellationToken cancellationToken)
    {
        if (args.Length != 1)
        {
            context.Error("One unit file must be provided");
            return 1;
        }
        var name = UnitArguments.Mangle(args[0]);
        var unit = await FleetConnection.UseAsync(setup, (client, token) => client.GetUnitAsync(name, token), cancellationToken).ConfigureAwait(false);
        return unit.Match(
            Left: error =>
            {
                if (error.Kind == ErrorKind.Http && error.Code == 404)
                {
                    context.Error($"Unit {name} not found");
                    return 1;
                }
                context.ErrorLine($"Error retrieving Unit {name}: {RequestErrors.Describe(error, setup, setup.UnitTarget(name))}");
                return 1;
            },
            Right: found =>
            {
                // Written as the registry's options render it, with no newline added: the content must not change.
                context.Stdout.Write(UnitFile.FromOptions(found.Options).Render());
                return 0;
            });
    }
}
