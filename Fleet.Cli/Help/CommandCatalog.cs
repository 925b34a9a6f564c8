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
        Listed("load", "Schedule one or more units in the cluster, first submitting them if necessary."),
        Listed("restart", "Instruct systemd to rolling restart one or more units in the cluster."),
        SshCommand.Help,
        Listed("start", "Instruct systemd to start one or more units in the cluster, first submitting and loading if necessary."),
        StatusCommand.Help,
        Listed("stop", "Instruct systemd to stop one or more units in the cluster."),
        Listed("submit", "Upload one or more units to the cluster without starting them"),
        Listed("unload", "Unschedule one or more units in the cluster."),
        VersionCommand.Help,
    ];

    /// <summary>
    /// This command line's own commands, beyond fleetctl's: they run and have help like the others,
    /// but fleetctl's usage text, which scripts may compare, does not list them.
    /// </summary>
    public static IReadOnlyList<CommandHelp> Extras { get; } =
    [
        ServeCommand.Help,
    ];

    /// <summary>Every command that runs or has help: <see cref="All"/> and <see cref="Extras"/>.</summary>
    public static IReadOnlyList<CommandHelp> Known { get; } = [.. All, .. Extras];

    private static CommandHelp Listed(string name, string summary) => new(name, name, summary, "", "");
}
