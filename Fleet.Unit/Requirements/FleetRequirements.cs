using System.Text;
using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.UnitFiles.Parsing;
using LanguageExt;

namespace Fleet.UnitFiles.Requirements;

/// <summary>
/// What a unit's <c>[X-Fleet]</c> section asks of the scheduler, read as fleet reads it: quoted
/// multi-values split (<c>MachineMetadata="a=b" "c=d"</c>), the deprecated <c>X-</c> and
/// <c>X-Condition</c> spellings honoured, and, given the unit's name, systemd's specifiers
/// <c>%n %N %p %i</c> replaced.
/// </summary>
public sealed class FleetRequirements
{
    /// <summary>The section fleet reads its requirements from.</summary>
    public const string SectionName = "X-Fleet";

    private static readonly System.Collections.Generic.HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "MachineID", "X-ConditionMachineID", "X-ConditionMachineBootID", "X-ConditionMachineOf", "MachineOf",
        "X-Conflicts", "Conflicts", "X-ConditionMachineMetadata", "MachineMetadata", "Global", "Replaces",
    };

    private readonly Dictionary<string, ValueList<string>> values;

    private FleetRequirements(Dictionary<string, ValueList<string>> values)
    {
        this.values = values;
        MachineId = First("MachineID") ?? First("X-ConditionMachineID") ?? First("X-ConditionMachineBootID");
        MachineOf = [.. Get("X-ConditionMachineOf"), .. Get("MachineOf")];
        Conflicts = [.. Get("X-Conflicts").SelectMany(Fields), .. Get("Conflicts").SelectMany(Fields)];
        Replaces = Get("Replaces");
        var global = Get("Global");
        Global = global.Count > 0 && IsTruthy(global[^1]);
        MachineMetadata = ReadMetadata([.. Get("X-ConditionMachineMetadata"), .. Get("MachineMetadata")]);
        UnrecognizedKeys = [.. values.Keys.Where(key => !Known.Contains(key))];
    }

    /// <summary>Every <c>[X-Fleet]</c> option's values after the multi-value split, keyed by option name in first-seen order.</summary>
    public IReadOnlyDictionary<string, ValueList<string>> Values => values;

    /// <summary>The machine the unit must run on (<c>MachineID</c>, else the deprecated <c>X-ConditionMachineID</c>, else <c>X-ConditionMachineBootID</c>).</summary>
    public string? MachineId { get; }

    /// <summary>Units whose machine this unit must share (fleet's "peers"): <c>MachineOf</c> and <c>X-ConditionMachineOf</c>.</summary>
    public ValueList<string> MachineOf { get; }

    /// <summary>Metadata a machine must have: key to the accepted values (any one suffices).</summary>
    public IReadOnlyDictionary<string, ValueList<string>> MachineMetadata { get; }

    /// <summary>Glob patterns of units this one may not share a machine with, split into words.</summary>
    public ValueList<string> Conflicts { get; }

    /// <summary>Glob patterns of units this one displaces from their machine, split into words.</summary>
    public ValueList<string> Replaces { get; }

    /// <summary>Whether the unit runs on every (matching) machine: the last <c>Global</c> value is true, yes, 1, on or t.</summary>
    public bool Global { get; }

    /// <summary>Option names in <c>[X-Fleet]</c> that fleet does not know (fleetctl refuses to submit these).</summary>
    public ValueList<string> UnrecognizedKeys { get; }

    /// <summary>Whether one of the <see cref="Conflicts"/> globs matches a unit's name, as fleet matches them (Go's <c>path.Match</c>).</summary>
    /// <param name="unitName">The other unit's name.</param>
    /// <returns>True when this unit may not share a machine with that one.</returns>
    public bool ConflictsWith(string unitName)
    {
        ArgumentNullException.ThrowIfNull(unitName);
        return AnyMatches(Conflicts, unitName);
    }

    /// <summary>Whether one of the <see cref="Replaces"/> globs matches a unit's name, as fleet matches them (Go's <c>path.Match</c>).</summary>
    /// <param name="unitName">The other unit's name.</param>
    /// <returns>True when this unit displaces that one from its machine.</returns>
    public bool ReplacesUnit(string unitName)
    {
        ArgumentNullException.ThrowIfNull(unitName);
        return AnyMatches(Replaces, unitName);
    }

    // A loop rather than a lambda: the scheduler asks this of every unit on every machine it tries.
    private static bool AnyMatches(ValueList<string> patterns, string unitName)
    {
        foreach (var pattern in patterns.AsSpan())
        {
            if (GoPathMatch.Matches(pattern, unitName)) return true;
        }
        return false;
    }

    /// <summary>Reads the requirements from a unit's options.</summary>
    /// <param name="options">The unit's options.</param>
    /// <param name="unitName">The unit's name; when given (and it has a dot), the specifiers <c>%n %N %p %i</c> in values are replaced as fleet does.</param>
    /// <returns>The requirements.</returns>
    public static FleetRequirements Of(IEnumerable<UnitOption> options, string? unitName = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var nameInfo = unitName is null ? null : UnitNameInfo.Parse(unitName).Match(info => info, _ => (UnitNameInfo?)null);
        var collected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (option.Section != SectionName) continue;
            if (!collected.TryGetValue(option.Name, out var list)) collected.Add(option.Name, list = []);
            foreach (var value in SplitValues(option.Value))
            {
                list.Add(nameInfo is null ? value : Substitute(value, nameInfo));
            }
        }
        return new FleetRequirements(collected.ToDictionary(e => e.Key, e => ValueList.Create<string>([.. e.Value]), StringComparer.Ordinal));
    }

    /// <summary>
    /// fleet's multi-value split: a value that starts and ends with <c>"</c> is split at spaces
    /// outside quotes, quotes dropped (<c>"a=b" "c=d"</c> is <c>a=b</c> and <c>c=d</c>); any other value is one value.
    /// </summary>
    /// <param name="value">An <c>[X-Fleet]</c> option's value.</param>
    /// <returns>The values.</returns>
    public static ValueList<string> SplitValues(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < 1 || value[0] != '"' || value[^1] != '"') return [value];
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in value)
        {
            if (c == '"')
            {
                quoted = !quoted;
                continue;
            }
            if (c == ' ' && !quoted)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        parts.Add(current.ToString());
        return [.. parts];
    }

    private ValueList<string> Get(string key) => values.TryGetValue(key, out var list) ? list : ValueList<string>.Empty;

    private string? First(string key) => Get(key) is { Count: > 0 } list ? list[0] : null;

    // systemd's unit_name_printf as fleet applies it, in fleet's order.
    private static string Substitute(string value, UnitNameInfo name) => value
        .Replace("%n", name.FullName, StringComparison.Ordinal)
        .Replace("%N", name.Name, StringComparison.Ordinal)
        .Replace("%p", name.Prefix, StringComparison.Ordinal)
        .Replace("%i", name.Instance ?? "", StringComparison.Ordinal);

    private static bool IsTruthy(string value) =>
        value.ToLowerInvariant() is "true" or "yes" or "1" or "on" or "t";

    // Go's strings.Fields: words separated by runs of Unicode white space.
    private static IEnumerable<string> Fields(string value)
    {
        var words = new List<string>();
        var start = -1;
        var index = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (GoText.IsSpace(rune.Value))
            {
                if (start >= 0) words.Add(value[start..index]);
                start = -1;
            }
            else if (start < 0)
            {
                start = index;
            }
            index += rune.Utf16SequenceLength;
        }
        if (start >= 0) words.Add(value[start..]);
        return words;
    }

    // Pairs of exactly one '=' with both sides non-empty; anything else is ignored, as fleet does.
    private static Dictionary<string, ValueList<string>> ReadMetadata(IEnumerable<string> pairs)
    {
        var metadata = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0) continue;
            if (!metadata.TryGetValue(parts[0], out var accepted)) metadata.Add(parts[0], accepted = []);
            if (!accepted.Contains(parts[1], StringComparer.Ordinal)) accepted.Add(parts[1]);
        }
        return metadata.ToDictionary(e => e.Key, e => ValueList.Create<string>([.. e.Value]), StringComparer.Ordinal);
    }
}
