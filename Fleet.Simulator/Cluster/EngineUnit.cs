using Fleet.UnitFiles.Requirements;

namespace Fleet.Simulator.Cluster;

/// <summary>
/// A stored unit as fleet's engine and agents read it from the registry: its target state parsed
/// and its <c>[X-Fleet]</c> requirements read with its own name (so <c>%i</c> and friends resolve).
/// </summary>
internal sealed class EngineUnit
{
    public const string Inactive = "inactive";
    public const string Loaded = "loaded";
    public const string Launched = "launched";

    private EngineUnit(StoredUnit stored, FleetRequirements requirements)
    {
        Stored = stored;
        Requirements = requirements;
    }

    public StoredUnit Stored { get; }

    public string Name => Stored.Name;

    public string TargetState => Stored.TargetState;

    public FleetRequirements Requirements { get; }

    public bool IsGlobal => Requirements.Global;

    public bool IsInactive => TargetState == Inactive;

    /// <summary>Whether fleet's <c>job.ParseJobState</c> accepts the stored target state.</summary>
    public static bool HasValidTargetState(StoredUnit unit) => unit.TargetState is Inactive or Loaded or Launched;

    /// <summary>Whether the engine places the unit on a machine: fleet reads its target state, and it is loaded or launched.</summary>
    public static bool WantsMachine(StoredUnit unit) => unit.TargetState is Loaded or Launched;

    /// <summary>
    /// The unit as the registry's <c>Units()</c> hands it out, or null: a unit whose stored target
    /// state does not parse is logged and skipped there, so neither the engine nor an agent sees it.
    /// </summary>
    public static EngineUnit? Read(StoredUnit unit) =>
        HasValidTargetState(unit) ? new EngineUnit(unit, unit.Requirements) : null;

    public bool Conflicts(string otherName) => Requirements.ConflictsWith(otherName);

    public bool Replaces(string otherName) => Requirements.ReplacesUnit(otherName);
}
