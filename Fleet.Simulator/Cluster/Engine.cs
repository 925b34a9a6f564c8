using System.Collections.Immutable;

namespace Fleet.Simulator.Cluster;

/// <summary>
/// fleet's engine as a pure function: one reconcile pass of its least-loaded scheduler over the
/// registry, answering where every unit is scheduled afterwards.
/// </summary>
internal static class Engine
{
    /// <summary>One reconcile pass with the rules the reference was captured with.</summary>
    /// <param name="machines">The machines of the cluster.</param>
    /// <param name="units">Every unit in the registry, by name.</param>
    /// <returns>Every unit, in input order, with its target machine as the engine leaves it.</returns>
    public static ImmutableArray<StoredUnit> Reconcile(IReadOnlyList<SimulatedMachine> machines, IReadOnlyList<StoredUnit> units) =>
        Reconcile(machines, units, EngineRules.Reference);

    /// <summary>
    /// One reconcile pass, as fleet's <c>calculateClusterTasks</c> runs it: first every scheduled unit
    /// is checked where it is (inactive, machine gone, or no longer able to run there: unscheduled;
    /// a Replaces relation moves the other unit away), then every unscheduled unit whose target is
    /// loaded or launched goes to the machine holding the fewest units that can run it, ties to the
    /// lower machine id. Global units and units whose stored target state fleet cannot parse are
    /// invisible to fleet's engine and come back as they went in.
    /// </summary>
    /// <param name="machines">The machines of the cluster.</param>
    /// <param name="units">Every unit in the registry, by name.</param>
    /// <param name="rules">Which engine to play.</param>
    /// <param name="memory">What earlier passes over the same cluster learnt, to spare work; the result is the same without it.</param>
    /// <returns>Every unit, in input order, with its target machine as the engine leaves it.</returns>
    public static ImmutableArray<StoredUnit> Reconcile(IReadOnlyList<SimulatedMachine> machines, IReadOnlyList<StoredUnit> units, EngineRules rules, PlacementMemory? memory = null)
    {
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(units);
        var pass = new EnginePass(machines, units, rules, memory);
        pass.Run();
        return [.. units.Select(unit => pass.Written(unit))];
    }
}
