using Fleet.Cli.Commands;

namespace Fleet.Cli.Help;

/// <summary>
/// Every command fleetctl v1.0.0 lists, in name order. The ones this command line does not run
/// yet are listed all the same, so the usage text matches fleetctl's.
/// </summary>
internal static class CommandCatalog
{
    /// <summary>The commands.</summary>
    public static IReadOnlyList<CommandHelp> All { get; } =
    [
        CatCommand.Help,
        DestroyCommand.Help,
        FdForwardCommand.Help,
        JournalCommand.Help,
        ListMachinesCommand.Help,
        ListUnitFilesCommand.Help,
        ListUnitsCommand.Help,
        LoadCommand.Help,
        RestartCommand.Help,
        SshCommand.Help,
        StartCommand.Help,
        StatusCommand.Help,
        StopCommand.Help,
        SubmitCommand.Help,
        UnloadCommand.Help,
        VersionCommand.Help,
    ];

    /// <summary>
    /// This command line's own commands, beyond fleetctl's: they run and have help like the others,
    /// but fleetctl's usage text, which scripts may compare, does not list them.
    /// </summary>
    public static IReadOnlyList<CommandHelp> Extras { get; } =
    [
        DemoCommand.Help,
        ServeCommand.Help,
    ];

    /// <summary>
    /// cobra's own <c>help</c> and fleetctl's deprecated <c>verify</c>: cobra's default help leaves
    /// them out, fleetctl's template lists them.
    /// </summary>
    public static IReadOnlyList<CommandHelp> Unlisted { get; } =
    [
        HelpCommand.Help,
        VerifyCommand.Help,
    ];

    /// <summary>What fleetctl's template for the root lists: <see cref="All"/> and <see cref="Unlisted"/>, in name order.</summary>
    public static IReadOnlyList<CommandHelp> RootTemplateCommands { get; } = [.. All.Concat(Unlisted).OrderBy(command => command.Name, StringComparer.Ordinal)];

    /// <summary>Every command that runs or has help.</summary>
    public static IReadOnlyList<CommandHelp> Known { get; } = [.. All, .. Extras, .. Unlisted];

    /// <summary>
    /// The command a word names, as cobra finds it with fleetctl's prefix matching: a command's
    /// whole name, or the start of only one of fleetctl's own (<c>list-m</c> is list-machines). This
    /// command line's extras answer to their whole names only, so a prefix means what it means to
    /// fleetctl (<c>de</c> is destroy, with demo beside it).
    /// </summary>
    /// <param name="word">The word.</param>
    /// <returns>The command, or null when the word names none or several.</returns>
    public static CommandHelp? Find(string word)
    {
        if (Known.FirstOrDefault(command => command.Name == word) is { } exact) return exact;
        var matches = All.Concat(Unlisted).Where(command => command.Name.StartsWith(word, StringComparison.Ordinal)).Take(2).ToList();
        return word.Length > 0 && matches.Count == 1 ? matches[0] : null;
    }
}
