using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Parsing;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl version</c> (and <c>fleetctl --version</c>).</summary>
internal static class VersionCommand
{
    /// <summary>fleetctl's help for the command.</summary>
    public static CommandHelp Help { get; } = new("version", "version", "Print the version and exit", "Print the version and exit", "");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        // Through the client wrapper like every fleetctl command: a bad --endpoint fails even here.
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (_, _) => Task.FromResult(Print(context)), cancellationToken));
        return command;
    }

    /// <summary>Prints the version line.</summary>
    /// <param name="context">Where it writes.</param>
    /// <returns>The exit code, 0.</returns>
    public static int Print(CliContext context)
    {
        context.Out($"fleetctl version {FleetctlVersion.Version}");
        return 0;
    }
}
