using Fleet.Core;

namespace Fleet.Cli.Output;

/// <summary>The columns of <c>list-units</c> (list_units.go), by fleetctl's field names.</summary>
internal static class UnitStateFields
{
    /// <summary>The columns printed when <c>--fields</c> is not given.</summary>
    public const string Default = "unit,machine,active,sub";

    private static readonly Dictionary<string, Func<UnitState, bool, MachineLegends, string>> Fields = new(StringComparer.Ordinal)
    {
        ["unit"] = (state, _, _) => state.Name,
        ["load"] = (state, _, _) => state.SystemdLoadState ?? "",
        ["active"] = (state, _, _) => state.SystemdActiveState ?? "",
        ["sub"] = (state, _, _) => state.SystemdSubState ?? "",
        ["machine"] = (state, full, machines) => string.IsNullOrEmpty(state.MachineId) ? "-" : machines.Legend(state.MachineId, full),
        ["hash"] = (state, full, _) => string.IsNullOrEmpty(state.Hash) ? "-" : full ? state.Hash : state.Hash[..Math.Min(7, state.Hash.Length)],
    };

    /// <summary>The field names, sorted as fleetctl lists them in its help.</summary>
    public static string Names { get; } = string.Join(",", Fields.Keys.Order(StringComparer.Ordinal));

    /// <summary>Whether <paramref name="name"/> is a field (case-sensitive, as in fleetctl).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for a field.</returns>
    public static bool IsField(string name) => Fields.ContainsKey(name);

    /// <summary>The value of one column for one unit state.</summary>
    /// <param name="name">The field.</param>
    /// <param name="state">The unit's state on one machine.</param>
    /// <param name="full">Whether hashes and machine ids are printed whole.</param>
    /// <param name="machines">The machines, for the machine column.</param>
    /// <returns>The cell's text.</returns>
    public static string Value(string name, UnitState state, bool full, MachineLegends machines) => Fields[name](state, full, machines);
}
