namespace Fleet.Cli.Help;

/// <summary>
/// fleetctl's usage texts: cobra's default help for <c>fleetctl</c> alone, and fleetctl's own
/// template (help.go), for the root and for each command, shown by <c>--help</c>, <c>help</c> and
/// after a flag that did not parse.
/// </summary>
internal static class Usage
{
    /// <summary>fleetctl's description of itself.</summary>
    public const string Description = "fleetctl is a command-line interface to fleet, the cluster-wide CoreOS init system.";

    /// <summary>
    /// What <c>fleetctl</c> with no arguments prints: cobra's default help for the root command,
    /// since fleetctl calls it before installing its own template.
    /// </summary>
    /// <param name="commands">Every command, in name order.</param>
    /// <returns>The text.</returns>
    public static string DefaultHelp(IReadOnlyList<CommandHelp> commands)
    {
        var padding = commands.Max(command => command.Name.Length);
        var text = new System.Text.StringBuilder();
        text.Append(Description).Append("\n\n");
        text.Append("Usage:\n  fleetctl [flags]\n  fleetctl [command]\n\n");
        text.Append("Available Commands:\n");
        foreach (var command in commands) text.Append("  ").Append(command.Name.PadRight(padding)).Append(' ').Append(command.Short).Append('\n');
        text.Append("\nFlags:\n").Append(GlobalFlagUsages.Text);
        text.Append("\nUse \"fleetctl [command] --help\" for more information about a command.\n");
        return text.ToString();
    }

    /// <summary>fleetctl's usage template for the root command (help.go), before its tab writer: every runnable command, cobra's help and the deprecated verify among them.</summary>
    /// <returns>The text.</returns>
    public static string Root()
    {
        var text = new System.Text.StringBuilder();
        text.Append("NAME:\n\tfleetctl - ").Append(Description).Append('\n');
        text.Append("\nUSAGE:\n\tfleetctl\n");
        text.Append("\nVERSION:\n\t").Append(FleetctlVersion.Version).Append('\n');
        text.Append("\nCOMMANDS:\n");
        foreach (var command in CommandCatalog.RootTemplateCommands) text.Append('\t').Append(command.Name).Append('\t').Append(command.Short).Append('\n');
        text.Append("\nOPTIONS:\n").Append(GlobalFlagUsages.Text);
        text.Append('\n');
        return text.ToString();
    }

    /// <summary>fleetctl's usage template for a command (help.go), before its tab writer.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The text.</returns>
    public static string Command(CommandHelp command)
    {
        var text = new System.Text.StringBuilder();
        text.Append("NAME:\n\t").Append(command.Name).Append(" - ").Append(command.Short).Append('\n');
        text.Append("\nUSAGE:\n\tfleetctl ").Append(command.Use).Append('\n');
        if (command.Long.Length > 0)
        {
            text.Append("\nDESCRIPTION:\n");
            // help.go's descToLines: trim newlines, tabs and spaces at both ends, then one tab-indented line each.
            foreach (var line in command.Long.Trim('\n', '\t', ' ').Split('\n')) text.Append('\t').Append(line).Append('\n');
        }
        if (command.LocalFlagUsages.Length > 0) text.Append("\nOPTIONS:\n").Append(command.LocalFlagUsages);
        text.Append("\nGLOBAL OPTIONS:\n").Append(GlobalFlagUsages.Text);
        text.Append('\n');
        return text.ToString();
    }
}
