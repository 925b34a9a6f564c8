using System.CommandLine;
using Fleet.Cli.Parsing;

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
    public static Option<string?> Fields(string defaultFields) => PflagText.Create("--fields", $"Columns to print; default {defaultFields}");

    private static Option<bool?> Bool(string name, string description) => Parsing.GoBooleanFlags.Create(name, description);
}

/// <summary>A listing command's table flags, added to it together and read together.</summary>
internal sealed class TableFlags
{
    private readonly string defaultFields;
    private readonly Option<string?> fields;
    private readonly Option<bool?> full = TableOptions.Full();
    private readonly Option<bool?>? shorthand;
    private readonly Option<bool?> noLegend = TableOptions.NoLegend();

    private TableFlags(string defaultFields, bool withShorthand)
    {
        this.defaultFields = defaultFields;
        fields = TableOptions.Fields(defaultFields);
        shorthand = withShorthand ? TableOptions.FullShorthand() : null;
    }

    /// <summary>Adds <c>--fields</c>, <c>--full</c>, <c>--l</c> (where fleetctl has it) and <c>--no-legend</c> to a command.</summary>
    /// <param name="command">The listing command.</param>
    /// <param name="defaultFields">Its default columns.</param>
    /// <param name="withShorthand">Whether it takes <c>--l</c>; fleetctl's list-unit-files does not.</param>
    /// <returns>The flags, to read from a parse.</returns>
    public static TableFlags AddTo(Command command, string defaultFields, bool withShorthand = true)
    {
        var flags = new TableFlags(defaultFields, withShorthand);
        command.Options.Add(flags.fields);
        command.Options.Add(flags.full);
        if (flags.shorthand is not null) command.Options.Add(flags.shorthand);
        command.Options.Add(flags.noLegend);
        return flags;
    }

    /// <summary>The flags' values in a parse, with their defaults.</summary>
    /// <param name="parse">The parse.</param>
    /// <returns>The columns as given, whether to print them whole, and whether to leave out the legend.</returns>
    public (string Fields, bool Full, bool NoLegend) Read(ParseResult parse) => (
        parse.GetValue(fields) ?? defaultFields,
        parse.GetValue(full) ?? (shorthand is null ? null : parse.GetValue(shorthand)) ?? false,
        parse.GetValue(noLegend) ?? false);
}
