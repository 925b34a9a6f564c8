using Fleet.Core;

namespace Fleet;

/// <summary>What ensure or apply did to one unit.</summary>
/// <param name="Name">The unit's name.</param>
/// <param name="Change">What was done.</param>
/// <param name="Before">Its desired state before; null when it did not exist.</param>
/// <param name="After">Its desired state after; null when it does not exist any more (or never did).</param>
public sealed record UnitChangeResult(string Name, UnitChange Change, DesiredState? Before, DesiredState? After);
