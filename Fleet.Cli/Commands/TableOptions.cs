using System.CommandLine;

namespace Fleet.Cli.Commands;

/// <summary>The flags fleetctl's listing commands share (<c>sharedFlags</c> in fleetctl.go).</summary>
internal static class TableOptions
{
    /// <summary><c>--full</c>: do not ellipsize fields.</summary>
    /// <returns>The option.</returns>
    public static Option<bool?> Full() => Bool("--full", "Do not ellipsize fields on output");

    /// <summary>
    /// <c>--l</c>: fleetctl's shorthand for <c>--full</c>. It is a long flag named <c>l</c>, so
    /// <c>-l</c> is refused as an unknown shorthand, exactly as fleetctl refuses it.
    /// </summary>
    /// <returns>The option.</returns>
    public static Option<bool?> FullShorthand() => Bool("--l", "Shorthand for --full");

    /// <summary><c>--no-legend</c>: no column headers.</summary>
    /// <returns>The option.</returns>
    public static Option<bool?> NoLegend() => Bool("--no-legend", "Do not print a legend (column headers)");

    /// <summary><c>--fields</c>: the columns to print, comma-separated.</summary>
    /// <param name="defaultFields">The command's default columns.</param>
    /// <returns>The option; null when not given.</returns>
    public static Option<string?> Fields(string defaultFields) => new("--fields") { Description = $"Columns to print; default {defaultFields}" };

    private static Option<bool?> Bool(string name, string description) => Parsing.GoBooleanFlags.Create(name, description);
}
