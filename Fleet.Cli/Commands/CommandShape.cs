using System.CommandLine;
using Fleet.Cli.Help;

namespace Fleet.Cli.Commands;

/// <summary>The parts every fleetctl command has.</summary>
internal static class CommandShape
{
    /// <summary>
    /// A command named as in <paramref name="help"/> that takes any arguments, as a cobra command
    /// does; each command checks its own. Arguments that look like flags are refused by
    /// <see cref="Parsing.ParseErrors"/> with pflag's words.
    /// </summary>
    /// <param name="help">The command's help.</param>
    /// <returns>The command, without an action.</returns>
    public static Command Create(CommandHelp help) =>
        new(help.Name, help.Short) { new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore } };
}
