using Fleet.Core;
using Fleet.UnitFiles;
using Fleet.UnitFiles.Requirements;

namespace Fleet.Cli.Output;

/// <summary>The columns of <c>list-unit-files</c> (list_unit_files.go), by fleetctl's field names.</summary>
internal static class UnitFileFields
{
    /// <summary>The columns printed when <c>--fields</c> is not given.</summary>
    public const string Default = "unit,hash,dstate,state,target";

    private static readonly Dictionary<string, Func<FleetUnit, bool, MachineLegends, string>> Fields = new(StringComparer.Ordinal)
    {
        ["unit"] = (unit, _, _) => unit.Name,
        // Go's strconv.FormatBool.
        ["global"] = (unit, _, _) => IsGlobal(unit) ? "true" : "false",
        ["dstate"] = (unit, _, _) => unit.DesiredState is { } state ? state.ToFleetString() : "-",
        ["target"] = Target,
        ["tmachine"] = Target,
        // A global unit has no single current state.
        ["state"] = (unit, _, _) => IsGlobal(unit) || unit.CurrentState is not { } state ? "-" : state.ToFleetString(),
        ["hash"] = (unit, full, _) => Hash(unit, full),
        ["desc"] = (unit, _, _) => UnitFile.FromOptions(unit.Options).Description is { Length: > 0 } description ? description : "-",
    };

    /// <summary>The field names, sorted as fleetctl lists them in its help.</summary>
    public static string Names { get; } = string.Join(",", Fields.Keys.Order(StringComparer.Ordinal));

    /// <summary>Whether <paramref name="name"/> is a field (case-sensitive, as in fleetctl).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for a field.</returns>
    public static bool IsField(string name) => Fields.ContainsKey(name);

    /// <summary>The value of one column for one unit.</summary>
    /// <param name="name">The field.</param>
    /// <param name="unit">The unit.</param>
    /// <param name="full">Whether hashes and machine ids are printed whole.</param>
    /// <param name="machines">The machines, for the target column.</param>
    /// <returns>The cell's text.</returns>
    public static string Value(string name, FleetUnit unit, bool full, MachineLegends machines) => Fields[name](unit, full, machines);

    /// <summary>fleetctl's <c>suToGlobal</c>: whether the unit's last <c>Global</c> option is true.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>True for a global unit.</returns>
    public static bool IsGlobal(FleetUnit unit) => HasGlobalOption(unit) && FleetRequirements.Of(unit.Options).Global;

    // A unit without an [X-Fleet] Global option is not global, and that is nearly every unit:
    // reading all its requirements to learn so took an eighth of list-unit-files' CPU time
    // (it is asked up to three times a unit).
    private static bool HasGlobalOption(FleetUnit unit)
    {
        foreach (var option in unit.Options)
        {
            if (option.Section == FleetRequirements.SectionName && option.Name == "Global") return true;
        }
        return false;
    }

    private static string Target(FleetUnit unit, bool full, MachineLegends machines) =>
        IsGlobal(unit) ? "global" : string.IsNullOrEmpty(unit.MachineId) ? "-" : machines.Legend(unit.MachineId, full);

    // fleetctl hashes the unit file it rebuilds from the options; the short form is the first seven hex digits.
    private static string Hash(FleetUnit unit, bool full)
    {
        var hash = UnitFile.FromOptions(unit.Options).Hash;
        return full ? hash : hash[..7];
    }
}
