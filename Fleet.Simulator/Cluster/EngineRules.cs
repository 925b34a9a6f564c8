namespace Fleet.Simulator.Cluster;

/// <summary>Which engine <see cref="Engine.Reconcile(IReadOnlyList{SimulatedMachine}, IReadOnlyList{StoredUnit}, EngineRules, PlacementMemory)"/> plays.</summary>
internal enum EngineRules
{
    /// <summary>
    /// The engine the reference captures ran against: fleet's reconciler, except that a placed unit
    /// keeps its machine when the only rule it now breaks is a MachineOf peer that left (fleetctl
    /// capture 051/052: pong stays loaded on its machine after its peer ping is unloaded).
    /// </summary>
    Reference,

    /// <summary>fleet v1.0.0's own reconciler: a placed unit that fails any of <c>AbleToRun</c>'s rules is unscheduled.</summary>
    Fleet,
}
