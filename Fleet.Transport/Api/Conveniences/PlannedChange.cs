using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet;

/// <summary>One step of a <see cref="UnitPlan"/>.</summary>
/// <param name="Name">The unit's name.</param>
/// <param name="Change">What applying will do.</param>
/// <param name="File">The content it will have: needed for Created and Replaced; null for Destroyed.</param>
/// <param name="From">Its desired state in the cluster now; null when it is not there.</param>
/// <param name="To">Its desired state once applied; null when it will be destroyed.</param>
public sealed record PlannedChange(string Name, UnitChange Change, UnitFile? File, DesiredState? From, DesiredState? To);
