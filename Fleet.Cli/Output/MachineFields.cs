using Fleet.Core;

namespace Fleet.Cli.Output;

/// <summary>The columns of <c>list-machines</c> (list_machines.go), by fleetctl's field names.</summary>
internal static class MachineFields
{
    /// <summary>The columns printed when <c>--fields</c> is not given.</summary>
    public const string Default = "machine,ip,metadata";

    private static readonly Dictionary<string, Func<Machine, bool, string>> Fields = new(StringComparer.Ordinal)
    {
        ["machine"] = (machine, full) => MachineIds.Legend(machine.Id, full),
        ["ip"] = (machine, _) => string.IsNullOrEmpty(machine.PrimaryIp) ? "-" : machine.PrimaryIp,
        ["metadata"] = (machine, _) => machine.Metadata.Count == 0 ? "-" : FormatMetadata(machine.Metadata),
    };

    /// <summary>Whether <paramref name="name"/> is a field (names are case-sensitive, as in fleetctl).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for a field.</returns>
    public static bool IsField(string name) => Fields.ContainsKey(name);

    /// <summary>The value of one column for one machine.</summary>
    /// <param name="name">The field.</param>
    /// <param name="machine">The machine.</param>
    /// <param name="full">Whether ids are printed whole.</param>
    /// <returns>The cell's text.</returns>
    public static string Value(string name, Machine machine, bool full) => Fields[name](machine, full);

    // fleetctl's formatMetadata: key=value pairs sorted by key (ordinal, as Go's sort.Strings), joined by commas.
    private static string FormatMetadata(IReadOnlyDictionary<string, string> metadata) =>
        string.Join(",", metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}"));
}
