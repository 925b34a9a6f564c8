using Fleet.Core.Collections;

namespace Fleet;

/// <summary>What <see cref="FleetClient.ApplyAsync"/> will do, unit by unit, in order.</summary>
public sealed record UnitPlan
{
    /// <summary>Creates a plan.</summary>
    /// <param name="changes">The steps, in the order they are applied.</param>
    public UnitPlan(IReadOnlyList<PlannedChange> changes) => Changes = changes;

    /// <summary>The steps, in the order they are applied; compared by content.</summary>
    public IReadOnlyList<PlannedChange> Changes
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            field = ValueList<PlannedChange>.From(value);
            IsEmpty = field.All(change => change.Change == UnitChange.Unchanged);
        }
    }

    /// <summary>Whether applying would change nothing (every step is Unchanged).</summary>
    public bool IsEmpty { get; private init; }

    /// <summary>Deconstructs into the steps.</summary>
    /// <param name="changes">The steps.</param>
    public void Deconstruct(out IReadOnlyList<PlannedChange> changes) => changes = Changes;
}
