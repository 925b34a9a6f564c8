using Fleet.Core;

namespace Fleet.Transport.Registry;

/// <summary>fleet's derivation of a unit's current state from what its engine and agents wrote.</summary>
internal static class JobStates
{
    /// <summary>
    /// No target machine, or no state published by the target, is inactive; a state there
    /// without the target's heartbeat (<c>job/NAME/job-state</c>) is loaded; both are launched.
    /// </summary>
    /// <param name="heartbeat">The value of <c>job/NAME/job-state</c>, or empty.</param>
    /// <param name="target">The value of <c>job/NAME/target</c>, or empty.</param>
    /// <param name="published">Whether <c>states/NAME/TARGET</c> holds a state.</param>
    public static DesiredState Derive(string heartbeat, string target, bool published) =>
        target.Length == 0 || !published ? DesiredState.Inactive
        : heartbeat != target ? DesiredState.Loaded
        : DesiredState.Launched;
}
