using Fleet.Core;

namespace Fleet;

/// <summary>What <see cref="FleetClient.PlanAsync"/> aims for.</summary>
public sealed record PlanOptions
{
    /// <summary>The options used when none are given.</summary>
    public static PlanOptions Default { get; } = new();

    /// <summary>The desired state of every unit in the set, except templates, which fleet only accepts as inactive.</summary>
    public DesiredState DesiredState { get; init; } = DesiredState.Launched;

    /// <summary>Whether units in the cluster that are not in the set are destroyed.</summary>
    public bool DestroyOthers { get; init; }
}
