using Fleet.Core.Collections;

namespace Fleet.Simulator.Cluster;

/// <summary>fleet's <c>JobAction</c>: what <c>AbleToRun</c> decides for a unit on a machine.</summary>
internal enum EngineAction
{
    Schedule,
    Unschedule,
    Reschedule,
}

/// <summary>
/// fleet's <c>AgentState</c> as the engine builds it: a machine and the units it holds, in the order
/// they were added (fleet walks a Go map here; the order only decides which replaced unit is named
/// first, and the simulation keeps it deterministic).
/// </summary>
internal sealed class EngineAgentState(SimulatedMachine machine)
{
    private readonly List<EngineUnit> units = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    // The held units that conflict with anything: a unit without Conflicts globs can only clash
    // with these, so most checks look at few units however many the machine holds.
    private readonly List<EngineUnit> conflicting = [];

    public SimulatedMachine Machine => machine;

    public string Id => machine.Id;

    public int Load => units.Count;

    /// <summary>The units it holds, in the order they were added.</summary>
    public IReadOnlyList<EngineUnit> Units => units;

    public void Add(EngineUnit unit)
    {
        if (!names.Add(unit.Name)) return;
        units.Add(unit);
        if (HasGlobs(unit)) conflicting.Add(unit);
    }

    /// <summary>Stops holding the unit of that name, and answers it (null when not held).</summary>
    public EngineUnit? Remove(string unitName)
    {
        if (!names.Remove(unitName)) return null;
        var index = units.FindIndex(held => held.Name == unitName);
        var removed = units[index];
        units.RemoveAt(index);
        conflicting.Remove(removed);
        return removed;
    }

    public bool Holds(string unitName) => names.Contains(unitName);

    /// <summary>
    /// fleet's <c>AbleToRun</c>: the machine must be the required one (full id or its 8-character
    /// short form), carry the required metadata, already hold every MachineOf peer, and share no
    /// Conflicts with what it holds; a Replaces relation asks for a reschedule.
    /// </summary>
    /// <param name="unit">The unit to place.</param>
    /// <param name="checkPeers">Whether missing MachineOf peers disqualify the machine.</param>
    public EngineAction AbleToRun(EngineUnit unit, bool checkPeers = true)
    {
        var requirements = unit.Requirements;
        if (requirements.MachineId is { } required && !MatchesId(required)) return EngineAction.Unschedule;
        if (!HasMetadata(machine.Metadata, requirements.MachineMetadata)) return EngineAction.Unschedule;
        if (checkPeers && !HoldsAll(requirements.MachineOf)) return EngineAction.Unschedule;
        if (HasConflict(unit)) return EngineAction.Unschedule;
        return ReplacedBy(unit) is null ? EngineAction.Schedule : EngineAction.Reschedule;
    }

    /// <summary>fleet's <c>HasConflict</c>: either side's Conflicts globs match the other's name.</summary>
    public bool HasConflict(EngineUnit unit)
    {
        // Loops, not LINQ: the scheduler asks this of every machine it tries, and most say no.
        foreach (var held in HasGlobs(unit) ? units : conflicting)
        {
            if (Clash(held, unit)) return true;
        }
        return false;
    }

    /// <summary>The held units (other than itself) that either conflict with the unit or that it conflicts with.</summary>
    public IEnumerable<EngineUnit> ConflictingWith(EngineUnit unit) =>
        (HasGlobs(unit) ? units : conflicting).Where(held => Clash(held, unit));

    /// <summary>
    /// fleet's <c>hasReplace</c>: the first held unit that <paramref name="unit"/> replaces or that
    /// replaces it, but not both ways (fleet ignores a circular replace); its name is the unit to move.
    /// </summary>
    public string? ReplacedBy(EngineUnit unit)
    {
        foreach (var held in units)
        {
            if (held.Name == unit.Name) continue;
            if (unit.Replaces(held.Name) != held.Replaces(unit.Name)) return held.Name;
        }
        return null;
    }

    /// <summary>fleet's <c>machine.HasMetadata</c>: every required key present with one of its accepted values.</summary>
    public static bool HasMetadata(ValueMap metadata, IReadOnlyDictionary<string, ValueList<string>> required) =>
        required.Count == 0 || required.All(pair => metadata.TryGetValue(pair.Key, out var value) && pair.Value.Contains(value));

    private static bool HasGlobs(EngineUnit unit) => unit.Requirements.Conflicts.Count > 0;

    private static bool Clash(EngineUnit held, EngineUnit unit) =>
        held.Name != unit.Name && (held.Conflicts(unit.Name) || unit.Conflicts(held.Name));

    private bool HoldsAll(ValueList<string> peers)
    {
        foreach (var peer in peers.AsSpan())
        {
            if (!names.Contains(peer)) return false;
        }
        return true;
    }

    private bool MatchesId(string required) =>
        machine.Id == required || (machine.Id.Length > 8 ? machine.Id[..8] : machine.Id) == required;
}
