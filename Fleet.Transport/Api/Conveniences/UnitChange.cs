namespace Fleet;

/// <summary>What ensuring or applying did, or would do, to one unit.</summary>
public enum UnitChange
{
    /// <summary>The unit already was as asked; nothing was sent.</summary>
    Unchanged,

    /// <summary>The unit did not exist and was created.</summary>
    Created,

    /// <summary>The unit existed with other content and was replaced (it keeps its machine, as fleet's replaced units do).</summary>
    Replaced,

    /// <summary>The unit's content was right; only its desired state changed.</summary>
    StateChanged,

    /// <summary>The unit was removed from the cluster.</summary>
    Destroyed,
}
