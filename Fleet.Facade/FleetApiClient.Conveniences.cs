using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Facade;

public sealed partial class FleetApiClient
{
    /// <summary>
    /// Makes sure a unit is in the cluster with this content and desired state: creates it,
    /// replaces it when its content differs, changes only its state, or does nothing.
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="content">The unit file it should have.</param>
    /// <param name="desiredState">The state it should have; a template can only be inactive.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">The name or the content is refused with fleet's rules, or the state is not one of the three (a number cast to <see cref="DesiredState"/>).</exception>
    /// <exception cref="FleetApiException">fleet refused a request.</exception>
    public Task<UnitChangeResult> EnsureUnitAsync(string name, UnitFile content, DesiredState desiredState, CancellationToken cancellationToken = default) =>
        Functional.EnsureUnitAsync(name, content, desiredState, cancellationToken).OrThrowAsync();

    /// <summary>Makes sure a unit is in the cluster as <paramref name="unit"/> describes it: its content and desired state.</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="unit">The unit, built here or read from any cluster.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">The name or the content is refused with fleet's rules.</exception>
    /// <exception cref="FleetApiException">fleet refused a request.</exception>
    public Task<UnitChangeResult> EnsureUnitAsync(string name, ClusterUnit unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return EnsureUnitAsync(name, unit.File, unit.DesiredState, cancellationToken);
    }

    /// <summary>Makes sure a unit is not in the cluster: destroys it, or does nothing when it is absent.</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>Destroyed or Unchanged.</returns>
    /// <exception cref="ArgumentException">The name is refused with fleet's rules.</exception>
    /// <exception cref="FleetApiException">fleet refused a request.</exception>
    public Task<UnitChangeResult> EnsureUnitAbsentAsync(string name, CancellationToken cancellationToken = default) =>
        Functional.EnsureUnitAbsentAsync(name, cancellationToken).OrThrowAsync();

    /// <summary>Makes sure a unit in the cluster has this desired state.</summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="desiredState">The state it should have.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>StateChanged or Unchanged.</returns>
    /// <exception cref="ArgumentException">The name is refused with fleet's rules, or the state is not one of the three (a number cast to <see cref="DesiredState"/>).</exception>
    /// <exception cref="FleetApiException">fleet refused a request; 404 when the unit does not exist.</exception>
    public Task<UnitChangeResult> EnsureDesiredStateAsync(string name, DesiredState desiredState, CancellationToken cancellationToken = default) =>
        Functional.EnsureDesiredStateAsync(name, desiredState, cancellationToken).OrThrowAsync();

    /// <summary>
    /// Waits until a unit reaches <paramref name="target"/> (and, for launched, until systemd runs
    /// it), reporting each change it sees.
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="target">The state to wait for.</param>
    /// <param name="options">Deadline and poll interval; <see cref="UnitWaitOptions.Default"/> when null.</param>
    /// <param name="progress">Receives each new view of the unit.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The last view of the unit, once it got there.</returns>
    /// <exception cref="ArgumentException">The name is refused with fleet's rules, the target is not one of the three states, or the options are out of range; nothing was sent.</exception>
    /// <exception cref="FleetTimeoutException">The deadline passed first; the message says the last state seen.</exception>
    /// <exception cref="FleetApiException">fleet refused a poll; 404 when the unit does not exist.</exception>
    public Task<UnitProgress> WaitForUnitAsync(
        string name, DesiredState target, UnitWaitOptions? options = null, IProgress<UnitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Functional.WaitForUnitAsync(name, target, options, progress, cancellationToken).OrThrowAsync();

    /// <summary>
    /// Waits as <see cref="WaitForUnitAsync(string, DesiredState, UnitWaitOptions?, IProgress{UnitProgress}?, CancellationToken)"/>
    /// does, calling <paramref name="onProgress"/> with each change seen, inline on the polling
    /// thread: in order, and each call ends before the next poll (unlike <see cref="Progress{T}"/>,
    /// which posts reports to the thread pool, where they can arrive out of order).
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="target">The state to wait for.</param>
    /// <param name="onProgress">Called with each new view of the unit; what it throws ends the wait with that exception.</param>
    /// <param name="options">Deadline and poll interval; <see cref="UnitWaitOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The last view of the unit, once it got there.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="onProgress"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is refused with fleet's rules, the target is not one of the three states, or the options are out of range; nothing was sent.</exception>
    /// <exception cref="FleetTimeoutException">The deadline passed first; the message says the last state seen.</exception>
    /// <exception cref="FleetApiException">fleet refused a poll; 404 when the unit does not exist.</exception>
    public Task<UnitProgress> WaitForUnitAsync(
        string name, DesiredState target, Action<UnitProgress> onProgress, UnitWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onProgress);
        return Functional.WaitForUnitAsync(name, target, onProgress, options, cancellationToken).OrThrowAsync();
    }

    /// <summary>
    /// What applying a set of unit files would change: create, replace, change state, and with
    /// <see cref="PlanOptions.DestroyOthers"/> destroy the units not in the set. Templates and
    /// their instances are handled as fleetctl handles them.
    /// </summary>
    /// <param name="units">The units, for example from <see cref="UnitSource.FromFolder"/>.</param>
    /// <param name="options">The desired state and whether to destroy others; <see cref="PlanOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The plan; nothing is changed yet.</returns>
    /// <exception cref="ArgumentException">A name is refused with fleet's rules, an instance's template is nowhere, or the options' state is not one of the three.</exception>
    /// <exception cref="FleetApiException">fleet refused a request.</exception>
    public Task<UnitPlan> PlanAsync(IEnumerable<UnitSource> units, PlanOptions? options = null, CancellationToken cancellationToken = default) =>
        Functional.PlanAsync(units, options, cancellationToken).OrThrowAsync();

    /// <summary>Carries out a plan, in order, stopping at the first refusal.</summary>
    /// <param name="plan">A plan from <see cref="PlanAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>What changed, unit by unit.</returns>
    /// <exception cref="ArgumentException">A step is null or has a state that is not one of the three; nothing was sent.</exception>
    /// <exception cref="FleetApiException">fleet refused a change; the ones before it were made.</exception>
    public Task<IReadOnlyList<UnitChangeResult>> ApplyAsync(UnitPlan plan, CancellationToken cancellationToken = default) =>
        Functional.ApplyAsync(plan, cancellationToken).OrThrowAsync();
}
