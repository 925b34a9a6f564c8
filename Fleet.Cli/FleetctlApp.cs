using System.CommandLine;
using Fleet.Cli.Commands;
using Fleet.Cli.Help;
using Fleet.Cli.Output;
using Fleet.Cli.Parsing;

namespace Fleet.Cli;

/// <summary>The command line: fleetctl's commands and global flags, parsed by System.CommandLine and answered in fleetctl's words.</summary>
internal static class FleetctlApp
{
    /// <summary>Runs one command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="context">Where to write and the environment.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        // fleetctl's main() answers these two before cobra sees the arguments.
        if (args.Length == 0)
        {
            context.Stdout.Write(Usage.Root(CommandCatalog.All));
            return 0;
        }
        if (args[0] is "--version" or "-v") return VersionCommand.Print(context);

        var globals = new GlobalOptions();
        var root = CreateRoot(context, globals);
        // No response files: fleetctl gives '@' no meaning.
        var booleanFlags = globals.All.OfType<Option<bool?>>().Select(option => option.Name[2..]).ToHashSet(StringComparer.Ordinal);
        var (found, unknownCommand) = CommandFinder.Find(args, CommandCatalog.Known, booleanFlags);
        if (unknownCommand is not null) return ParseErrors.ReportUnknownCommand(context, unknownCommand);
        var parse = root.Parse(GoBooleanFlags.Normalize(found, root), new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (ParseErrors.Find(parse, found) is { } problem) return ParseErrors.Report(context, parse, problem);

        if (parse.GetValue(globals.Help) == true || parse.GetValue(globals.HelpShort) == true || parse.CommandResult.Command is RootCommand)
        {
            var help = CommandCatalog.Known.FirstOrDefault(command => command.Name == parse.CommandResult.Command.Name);
            var usage = new GoTabWriter(context.Stdout);
            usage.Write(help is null || parse.CommandResult.Command is RootCommand ? Usage.Root(CommandCatalog.All) : Usage.Command(help));
            usage.Flush();
            return 0;
        }
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = context.Stdout,
            Error = context.Stderr,
            // Commands stop on the token; System.CommandLine's handler would force an exit code after a delay.
            ProcessTerminationTimeout = null,
        }, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand CreateRoot(CliContext context, GlobalOptions globals)
    {
        var root = new RootCommand(Usage.Description);
        // fleetctl's own --help, --h and --version replace System.CommandLine's, and it has no directives.
        root.Options.Clear();
        root.Directives.Clear();
        foreach (var option in globals.All) root.Options.Add(option);
        root.Subcommands.Add(CatCommand.Create(context, globals));
        root.Subcommands.Add(DestroyCommand.Create(context, globals));
        root.Subcommands.Add(FdForwardCommand.Create(context, globals));
        root.Subcommands.Add(JournalCommand.Create(context, globals));
        root.Subcommands.Add(ListMachinesCommand.Create(context, globals));
        root.Subcommands.Add(ListUnitFilesCommand.Create(context, globals));
        root.Subcommands.Add(ListUnitsCommand.Create(context, globals));
        root.Subcommands.Add(SshCommand.Create(context, globals));
        root.Subcommands.Add(StatusCommand.Create(context, globals));
        root.Subcommands.Add(VersionCommand.Create(context, globals));
        root.Subcommands.Add(ServeCommand.Create(context));
        return root;
    }
}
