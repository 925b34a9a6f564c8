using System.CommandLine;
using Fleet.Cli.Demo;
using Fleet.Cli.Help;
using Fleet.Cli.Progress;

namespace Fleet.Cli.Commands;

/// <summary>
/// <c>demo</c>, this command line's own: a simulated fleet started in the process, the example
/// units submitted, started, listed, stopped and destroyed with this command line's commands.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The command's help, in the shape of fleetctl's.</summary>
    public static CommandHelp Help { get; } = new(
        "demo",
        "demo",
        "Run the command line against a simulated fleet it starts, with example units",
        $"""
        Starts a simulated fleet of {DemoRun.MachineCount} machines in this process, on a unix socket in a temporary
        folder, and runs a short session against it: list the machines, submit the example units (a plain
        service, a global unit, a template and two of its instances, units with X-Fleet constraints), start
        them and watch them launch, list the unit files and units, then stop and destroy one. Each step is
        printed as the command you would type. Nothing outside the temporary folder is touched; it is
        removed at the end.

        This is fleetctl-net {FleetctlVersion.Tool}, which behaves as fleetctl {FleetctlVersion.Version}.
        """,
        "");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var command = CommandShape.Create(Help);
        var args = (Argument<string[]>)command.Arguments[0];
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(args) is { Length: > 0 } extra)
            {
                context.Error($"demo takes no arguments: {string.Join(' ', extra)}");
                return Task.FromResult(1);
            }
            return DemoRun.RunAsync(context, context.StdoutIsTerminal && Terminals.Colour(context.Variables), FleetctlApp.RunAsync, cancellationToken);
        });
        return command;
    }
}
