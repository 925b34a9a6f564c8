using System.CommandLine;
using Fleet.Cli.Help;
using Fleet.Cli.Output;

namespace Fleet.Cli.Commands;

/// <summary><c>fleetctl help [command]</c>: cobra's help command, in fleetctl's template.</summary>
internal static class HelpCommand
{
    /// <summary>cobra's help for the command.</summary>
    public static CommandHelp Help { get; } = new(
        "help",
        "help [command]",
        "Help about any command",
        """
        Help provides help for any command in the application.
            Simply type fleetctl help [path to command] for full details.
        """,
        "");

    /// <summary>The command.</summary>
    /// <param name="context">Where it writes.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliContext context)
    {
        var command = CommandShape.Create(Help);
        command.SetAction(parse => Run(context, parse.GetValue<string[]>("args") ?? []));
        return command;
    }

    /// <summary>Prints the help for the command <paramref name="topic"/> names, or the root's usage.</summary>
    /// <param name="context">Where it writes.</param>
    /// <param name="topic">The words after <c>help</c>.</param>
    /// <returns>The exit code, 0.</returns>
    public static int Run(CliContext context, string[] topic)
    {
        var usage = new GoTabWriter(context.Stdout);
        if (topic.Length == 0)
        {
            usage.Write(Usage.Root());
        }
        else if (CommandCatalog.Find(topic[0]) is { } help)
        {
            // cobra's Find takes the first word as the command and leaves the rest as its arguments.
            usage.Write(Usage.Command(help));
        }
        else
        {
            // cobra's Printf of %#q: no newline of its own before the root's usage.
            context.Stderr.Write($"Unknown help topic [{string.Join(' ', topic.Select(Backquoted))}].");
            usage.Write(Usage.Root());
        }
        usage.Flush();
        return 0;
    }

    // Go's %#q: a raw string when strconv.CanBackquote allows one, a quoted one otherwise.
    private static string Backquoted(string word) =>
        word.Any(c => c == '`' || c == '\uFFFD' || (char.IsControl(c) && c != '\t')) ? Core.Text.GoQuoting.Quote(word) : $"`{word}`";
}
