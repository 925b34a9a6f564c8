using System.Globalization;
using Fleet.Core;
using Fleet.Core.Text;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet;

public sealed partial class FleetClient
{
    // The longest delay a timer takes (uint.MaxValue - 1 ms, about 49.7 days).
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>
    /// Polls a unit until its current state is <paramref name="target"/> and, for
    /// <see cref="DesiredState.Launched"/>, until systemd on its machine reports this content of it
    /// loaded and active (fleetctl's test: a socket listens, a timer waits, a service runs; after
    /// a replace, the old content's state does not count). A global unit has no current state in fleet's API, so for one
    /// its desired state counts, as fleetctl counts it. Each change seen (not each poll) is
    /// reported to <paramref name="progress"/>, on the polling thread.
    /// </summary>
    /// <param name="name">The unit's name.</param>
    /// <param name="target">The state to wait for.</param>
    /// <param name="options">Deadline and poll interval; <see cref="UnitWaitOptions.Default"/> when null.</param>
    /// <param name="progress">Receives each new view of the unit.</param>
    /// <param name="cancellationToken">Cancels the wait; cancellation throws.</param>
    /// <returns>
    /// The last progress once the unit got there; a Timeout error that says the last state seen
    /// when the deadline passes first; or the error of a poll that failed (fleet's 404 when the
    /// unit does not exist). An invalid name, a target outside the three states, or options out of
    /// range are refused before the first poll.
    /// </returns>
    public Task<Either<APIError, UnitProgress>> WaitForUnitAsync(
        string name, DesiredState target, UnitWaitOptions? options = null, IProgress<UnitProgress>? progress = null, CancellationToken cancellationToken = default) =>
        WaitAsync(name, target, options, progress is null ? null : progress.Report, cancellationToken);

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
    /// <param name="cancellationToken">Cancels the wait; cancellation throws.</param>
    /// <returns>As the other overload returns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="onProgress"/> is null.</exception>
    public Task<Either<APIError, UnitProgress>> WaitForUnitAsync(
        string name, DesiredState target, Action<UnitProgress> onProgress, UnitWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onProgress);
        return WaitAsync(name, target, options, onProgress, cancellationToken);
    }

    private async Task<Either<APIError, UnitProgress>> WaitAsync(
        string name, DesiredState target, UnitWaitOptions? options, Action<UnitProgress>? onProgress, CancellationToken cancellationToken)
    {
        options ??= UnitWaitOptions.Default;
        if (UnitNames.Validate(name).Failed(out _, out var invalid)) return invalid;
        // A number outside the enum would never be reached: the wait would only end in its timeout.
        if (DesiredStates.Validate(target, nameof(target)).Failed(out _, out invalid)) return invalid;
        if (options.Timeout != Timeout.InfiniteTimeSpan && (options.Timeout <= TimeSpan.Zero || options.Timeout > LongestWait))
        {
            return APIError.Validation($"the wait's timeout must be positive and at most {LongestWait.TotalDays:0} days (or infinite), not {options.Timeout}");
        }
        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > LongestWait)
        {
            return APIError.Validation($"the wait's poll interval must be positive and at most {LongestWait.TotalDays:0} days, not {options.PollInterval}");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        UnitProgress? last = null;
        try
        {
            while (true)
            {
                if ((await ObserveAsync(name, target, deadline.Token).ConfigureAwait(false)).Failed(out var seen, out var error)) return error;
                if (seen.Progress != last)
                {
                    last = seen.Progress;
                    onProgress?.Invoke(last);
                }
                if (seen.Reached) return last;
                await Task.Delay(options.PollInterval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            return new APIError(ErrorKind.Timeout, $"unit {GoQuoting.Quote(name)} did not reach {target.ToFleetString()} within {Seconds(options.Timeout)}: {Describe(last)}");
        }
    }

    private async Task<Either<APIError, (UnitProgress Progress, bool Reached)>> ObserveAsync(string name, DesiredState target, CancellationToken cancellationToken)
    {
        if ((await GetUnitAsync(name, cancellationToken).ConfigureAwait(false)).Failed(out var unit, out var error)) return error;
        var global = UnitFile.FromOptions(unit.Options).Requirements(name).Global;
        var state = global ? unit.DesiredState : unit.CurrentState;
        var systemd = Option<UnitState>.None;
        // A machine publishes a unit's systemd state once the unit is loaded there; asking sooner
        // only makes fleet v1.0.0 hang up.
        if (!global && state is DesiredState.Loaded or DesiredState.Launched)
        {
            if ((await PublishedStateAsync(name, cancellationToken).ConfigureAwait(false)).Failed(out systemd, out error)) return error;
        }
        var published = systemd.MatchUnsafe(s => s, () => null);
        var progress = new UnitProgress(name, unit.DesiredState, unit.CurrentState, unit.MachineId, published?.SystemdActiveState, published?.SystemdSubState);
        var reached = state == target && (target != DesiredState.Launched || global || Runs(published, unit));
        return (progress, reached);
    }

    // fleetctl's test (active and loaded, whatever the sub-state: a socket listens, a timer waits,
    // a oneshot has exited), and for this content: after a replace, the machine reports the old
    // unit as active until it has restarted the new one.
    private static bool Runs(UnitState? published, FleetUnit unit) =>
        published is { SystemdActiveState: "active", SystemdLoadState: "loaded" }
        && published.Hash == UnitFile.FromOptions(unit.Options).Hash;

    // The unit's systemd state, or none while its machine has published none: an answer, not a failure.
    private Task<Either<APIError, Option<UnitState>>> PublishedStateAsync(string name, CancellationToken cancellationToken) =>
        driver.GetPublishedStateAsync(name, cancellationToken);

    private static string Describe(UnitProgress? last) => last switch
    {
        null => "fleet had not answered yet",
        _ => $"last seen desired state {Show(last.DesiredState)}, current state {Show(last.CurrentState)}"
            + (last.MachineId is null ? ", not scheduled" : $" on machine {last.MachineId}")
            + (last.ActiveState is null ? "" : $", systemd {last.ActiveState}/{last.SubState}"),
    };

    private static string Show(DesiredState? state) => state?.ToFleetString() ?? "(none)";

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
