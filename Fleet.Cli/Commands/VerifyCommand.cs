using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Parsing;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl verify</c>: kept by fleetctl v1.0.0 only to say that unit signing is gone.</summary>
internal static class VerifyCommand
{
    /// <summary>fleetctl's help for the command, which has no summary.</summary>
    public static CommandHelp Help { get; } = new("verify", "verify UNIT", "", "", "");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="globals">The global flags.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context, GlobalOptions globals)
    {
        var command = CommandShape.Create(Help);
        // Through the client wrapper like every fleetctl command: a bad --endpoint fails first.
        command.SetAction((parse, cancellationToken) => ClientRunner.RunAsync(parse, context, globals, (_, _) =>
        {
            context.Error("WARNING: The signed/verified units feature is DEPRECATED and cannot be used.");
            return Task.FromResult(2);
        }, cancellationToken));
        return command;
    }

    /// <summary>cobra's note, printed whenever the command is named, before its flags are read.</summary>
    /// <param name="context">Where it writes.</param>
    public static void WarnDeprecated(CliContext context) =>
        context.Stderr.Write("Command \"verify\" is deprecated, DEPRECATED - No longer works\n");
}
