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
        Listed("fd-forward", "Proxy stdin and stdout to a unix domain socket"),
        Listed("journal", "Print the journal of a unit in the cluster to stdout"),
        ListMachinesCommand.Help,
        ListUnitFilesCommand.Help,
        ListUnitsCommand.Help,
        Listed("load", "Schedule one or more units in the cluster, first submitting them if necessary."),
        Listed("restart", "Instruct systemd to rolling restart one or more units in the cluster."),
        Listed("ssh", "Open interactive shell on a machine in the cluster"),
        Listed("start", "Instruct systemd to start one or more units in the cluster, first submitting and loading if necessary."),
        Listed("status", "Output the status of one or more units in the cluster"),
        Listed("stop", "Instruct systemd to stop one or more units in the cluster."),
        Listed("submit", "Upload one or more units to the cluster without starting them"),
        Listed("unload", "Unschedule one or more units in the cluster."),
        VersionCommand.Help,
    ];

    private static CommandHelp Listed(string name, string summary) => new(name, name, summary, "", "");
}
