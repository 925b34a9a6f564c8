using System.CommandLine;
using Fleet.Cli.Commands;
using Fleet.Cli.Help;
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
        context = context with { Arguments = args };
        // fleetctl's main() answers these two before cobra sees the arguments.
        if (args.Length == 0)
        {
            context.Stdout.Write(Usage.DefaultHelp(CommandCatalog.All));
            return 0;
        }
        if (args[0] is "--version" or "-v") return VersionCommand.Print(context);

        var globals = new GlobalOptions();
        var root = CreateRoot(context, globals);
        // No response files: fleetctl gives '@' no meaning.
        var booleanFlags = globals.All.OfType<Option<bool?>>().Where(option => option.Name.StartsWith("--", StringComparison.Ordinal)).Select(option => option.Name[2..]).ToHashSet(StringComparer.Ordinal);
        var (found, unknownCommand, commandName) = CommandFinder.Find(args, booleanFlags);
        if (unknownCommand is not null) return ParseErrors.ReportUnknownCommand(context, unknownCommand);
        var parse = root.Parse(GoBooleanFlags.Normalize(found, root), new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.CommandResult.Command.Name == VerifyCommand.Help.Name) VerifyCommand.WarnDeprecated(context);
        var isRoot = commandName is null || parse.CommandResult.Command is RootCommand;
        if (ParseErrors.Find(parse, found) is { } problem) return ParseErrors.Report(context, isRoot ? null : parse.CommandResult.Command.Name, problem);

        var wantsHelp = parse.GetValue(globals.Help) == true || parse.GetValue(globals.HelpShort) == true || parse.GetValue(globals.HelpDash) == true;
        // A root given only flags prints its usage, as cobra runs a command that has no action.
        if (isRoot) return HelpCommand.Run(context, []);
        if (wantsHelp) return HelpCommand.Run(context, [parse.CommandResult.Command.Name]);
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
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(DestroyCommand.Create(context, globals));
        root.Subcommands.Add(FdForwardCommand.Create(context, globals));
        root.Subcommands.Add(HelpCommand.Create(context));
        root.Subcommands.Add(JournalCommand.Create(context, globals));
        root.Subcommands.Add(ListMachinesCommand.Create(context, globals));
        root.Subcommands.Add(ListUnitFilesCommand.Create(context, globals));
        root.Subcommands.Add(ListUnitsCommand.Create(context, globals));
        root.Subcommands.Add(LoadCommand.Create(context, globals));
        root.Subcommands.Add(RestartCommand.Create(context, globals));
        root.Subcommands.Add(SshCommand.Create(context, globals));
        root.Subcommands.Add(StartCommand.Create(context, globals));
        root.Subcommands.Add(StatusCommand.Create(context, globals));
        root.Subcommands.Add(StopCommand.Create(context, globals));
        root.Subcommands.Add(SubmitCommand.Create(context, globals));
        root.Subcommands.Add(UnloadCommand.Create(context, globals));
        root.Subcommands.Add(VerifyCommand.Create(context, globals));
        root.Subcommands.Add(VersionCommand.Create(context, globals));
        root.Subcommands.Add(ServeCommand.Create(context));
        return root;
    }
}
