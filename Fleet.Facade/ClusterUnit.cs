using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Facade;

/// <summary>
/// A fleet unit in .NET idiom (python-fleet's <c>Unit</c>): a unit file's options and the state
/// fleet should drive it to, plus, for a unit read from a cluster, its name, current state and
/// machine. Immutable: <see cref="AddOption(string, string, string)"/>, <see cref="RemoveOption"/>
/// and the <c>With</c> methods return new values. A unit that came from a cluster remembers the
/// client it came through, so it can change its desired state and be destroyed there.
/// </summary>
public sealed class ClusterUnit : IEquatable<ClusterUnit>
{
    private readonly FleetApiClient? client;

    /// <summary>A unit of the given options, not yet submitted to fleet.</summary>
    /// <param name="options">The unit file's options, in file order.</param>
    /// <param name="desiredState">The state to ask fleet for when it is created; launched by default, as python-fleet does.</param>
    /// <exception cref="ArgumentException"><paramref name="desiredState"/> is not one of the three (<see cref="FleetArgumentException"/>).</exception>
    public ClusterUnit(IEnumerable<UnitOption> options, DesiredState desiredState = DesiredState.Launched)
        : this(UnitFile.FromOptions(options), desiredState)
    {
    }

    /// <summary>A unit of a parsed unit file, not yet submitted to fleet.</summary>
    /// <param name="file">The unit file.</param>
    /// <param name="desiredState">The state to ask fleet for when it is created; launched by default.</param>
    /// <exception cref="ArgumentException"><paramref name="desiredState"/> is not one of the three (<see cref="FleetArgumentException"/>).</exception>
    public ClusterUnit(UnitFile file, DesiredState desiredState = DesiredState.Launched)
        : this(file ?? throw new ArgumentNullException(nameof(file)), Checked(desiredState), name: null, currentState: null, machineId: null, client: null)
    {
    }

    private ClusterUnit(UnitFile file, DesiredState desiredState, string? name, DesiredState? currentState, string? machineId, FleetApiClient? client)
    {
        File = file;
        DesiredState = desiredState;
        Name = name;
        CurrentState = currentState;
        MachineId = machineId;
        this.client = client;
    }

    /// <summary>The unit's name; null for a unit built here until it is given one (<see cref="WithName"/>).</summary>
    public string? Name { get; }

    /// <summary>The unit file.</summary>
    public UnitFile File { get; }

    /// <summary>The unit file's options, in file order.</summary>
    public IReadOnlyList<UnitOption> Options => File.Options;

    /// <summary>fleet's hash of the unit file (lowercase hex SHA1), the one <c>fleetctl list-unit-files</c> shows.</summary>
    public string Hash => File.Hash;

    /// <summary>The state fleet drives the unit to (or will, once it is created).</summary>
    public DesiredState DesiredState { get; }

    /// <summary>The state the unit had reached when it was read from the cluster; null when unscheduled or built here.</summary>
    public DesiredState? CurrentState { get; }

    /// <summary>The machine the unit was scheduled to when it was read; null when unscheduled or built here.</summary>
    public string? MachineId { get; }

    /// <summary>Whether this unit was read from (or created in) a cluster and can act there through its client.</summary>
    public bool IsFromCluster => client is not null;

    /// <summary>Parses unit-file text as fleet does (python-fleet's <c>Unit(from_string=...)</c>).</summary>
    /// <param name="text">The unit file's text.</param>
    /// <param name="desiredState">The state to ask fleet for when it is created.</param>
    /// <returns>The unit, not yet submitted.</returns>
    /// <exception cref="UnitFileFormatException">The text is not a unit file fleet would read; the exception says where.</exception>
    /// <exception cref="ArgumentException"><paramref name="desiredState"/> is not one of the three (<see cref="FleetArgumentException"/>).</exception>
    public static ClusterUnit FromString(string text, DesiredState desiredState = DesiredState.Launched)
    {
        Checked(desiredState);
        return new(UnitFile.Parse(text).OrThrow(), desiredState);
    }

    /// <summary>Reads and parses a unit file from disk (python-fleet's <c>Unit(from_file=...)</c>).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The unit, not yet submitted, to be launched when created.</returns>
    /// <exception cref="UnitFileFormatException">The file cannot be read, or is not a unit file fleet would read.</exception>
    public static Task<ClusterUnit> FromFileAsync(string path, CancellationToken cancellationToken = default) =>
        FromFileAsync(path, DesiredState.Launched, cancellationToken);

    /// <summary>Reads and parses a unit file from disk.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="desiredState">The state to ask fleet for when it is created.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The unit, not yet submitted.</returns>
    /// <exception cref="UnitFileFormatException">The file cannot be read, or is not a unit file fleet would read.</exception>
    /// <exception cref="ArgumentException"><paramref name="desiredState"/> is not one of the three (<see cref="FleetArgumentException"/>).</exception>
    public static async Task<ClusterUnit> FromFileAsync(string path, DesiredState desiredState, CancellationToken cancellationToken = default)
    {
        Checked(desiredState);
        return new(await UnitFile.LoadAsync(path, cancellationToken: cancellationToken).OrThrowAsync().ConfigureAwait(false), desiredState);
    }

    /// <summary>A unit as the cluster reported it, bound to the client that read it.</summary>
    internal static ClusterUnit FromCluster(FleetUnit unit, FleetApiClient client) =>
        // fleet always reports a desired state; one without is shown as inactive, the state that asks nothing of the cluster.
        new(UnitFile.FromOptions(unit.Options), unit.DesiredState ?? DesiredState.Inactive, unit.Name, unit.CurrentState, unit.MachineId, client);

    /// <summary>A unit just created in the cluster: what was sent, bound to the client; not scheduled yet as far as this value knows.</summary>
    internal static ClusterUnit Created(string name, UnitFile file, DesiredState desiredState, FleetApiClient client) =>
        new(file, desiredState, name, currentState: null, machineId: null, client);

    /// <summary>
    /// A copy with one more option at the end. The copy is local: its content is no longer what
    /// the cluster holds (python-fleet refuses to edit a submitted unit), so it keeps the name and
    /// desired state but not the client, current state or machine; create it to submit the change.
    /// </summary>
    /// <param name="section">The section, without brackets; created when the unit has none.</param>
    /// <param name="name">The option name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new unit.</returns>
    public ClusterUnit AddOption(string section, string name, string value) => Local(File.AddOption(section, name, value));

    /// <summary>A local copy with one more option at the end (see <see cref="AddOption(string, string, string)"/>).</summary>
    /// <param name="option">The option.</param>
    /// <returns>The new unit.</returns>
    public ClusterUnit AddOption(UnitOption option) => Local(File.AddOption(option));

    /// <summary>
    /// A copy without the options of a section and name, or only those with a given value; local
    /// like <see cref="AddOption(string, string, string)"/>. This unit when nothing matched.
    /// </summary>
    /// <param name="section">The section.</param>
    /// <param name="name">The option name.</param>
    /// <param name="value">When given, only options with exactly this value are removed.</param>
    /// <returns>The new unit, or this one when nothing matched.</returns>
    public ClusterUnit RemoveOption(string section, string name, string? value = null)
    {
        var kept = File.RemoveOptions(section, name, value);
        return ReferenceEquals(kept, File) ? this : Local(kept);
    }

    /// <summary>A copy with another desired state, for creating it; local, since the cluster's desired state is unchanged.</summary>
    /// <param name="desiredState">The state.</param>
    /// <returns>The new unit.</returns>
    /// <exception cref="ArgumentException"><paramref name="desiredState"/> is not one of the three (<see cref="FleetArgumentException"/>).</exception>
    public ClusterUnit WithDesiredState(DesiredState desiredState) => new(File, Checked(desiredState), Name, currentState: null, machineId: null, client: null);

    /// <summary>A local copy with a name, for the overloads that take a unit.</summary>
    /// <param name="name">The unit name; checked with fleet's rules when it is used.</param>
    /// <returns>The new unit.</returns>
    public ClusterUnit WithName(string name) => new(File, DesiredState, name ?? throw new ArgumentNullException(nameof(name)), currentState: null, machineId: null, client: null);

    /// <summary>
    /// Changes this unit's desired state in the cluster it came from (python-fleet's
    /// <c>unit.set_desired_state()</c>).
    /// </summary>
    /// <param name="desiredState">The state fleet should drive it to.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>This unit with the new desired state, still bound; its current state is as last read.</returns>
    /// <exception cref="ArgumentException"><paramref name="desiredState"/> is not one of the three (<see cref="FleetArgumentException"/>); nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The unit did not come from a cluster.</exception>
    /// <exception cref="FleetApiException">fleet refused (a template cannot be activated: 400).</exception>
    public async Task<ClusterUnit> SetDesiredStateAsync(DesiredState desiredState, CancellationToken cancellationToken = default)
    {
        Checked(desiredState);
        var live = Live("have its desired state set");
        await live.SetDesiredStateAsync(Name!, desiredState, cancellationToken).ConfigureAwait(false);
        return new ClusterUnit(File, desiredState, Name, CurrentState, MachineId, live);
    }

    /// <summary>Changes this unit's desired state in its cluster, the state spelled as fleet spells it.</summary>
    /// <param name="desiredState"><c>inactive</c>, <c>loaded</c> or <c>launched</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>This unit with the new desired state, still bound.</returns>
    /// <exception cref="ArgumentException">The state is not one of fleet's three (<see cref="DesiredStates.InvalidStateMessage"/>).</exception>
    /// <exception cref="InvalidOperationException">The unit did not come from a cluster.</exception>
    public Task<ClusterUnit> SetDesiredStateAsync(string desiredState, CancellationToken cancellationToken = default) =>
        SetDesiredStateAsync(DesiredStates.Parse(desiredState).OrThrow(), cancellationToken);

    /// <summary>Removes this unit from the cluster it came from (python-fleet's <c>unit.destroy()</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">The unit did not come from a cluster.</exception>
    /// <exception cref="FleetApiException">fleet refused (404 when it is already gone).</exception>
    public Task DestroyAsync(CancellationToken cancellationToken = default) =>
        Live("be destroyed").DestroyUnitAsync(Name!, cancellationToken);

    /// <summary>fleet's canonical unit-file text (what <c>fleetctl cat</c> shows).</summary>
    /// <returns>The text.</returns>
    public string Render() => File.Render();

    /// <summary>The unit-file text, as python-fleet's <c>str(unit)</c>; the same as <see cref="Render"/>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Render();

    /// <summary>Equal when name, options, desired state, current state and machine are; the client a unit came through does not count.</summary>
    /// <param name="other">The other unit.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(ClusterUnit? other) =>
        other is not null
        && Name == other.Name
        && File.Equals(other.File)
        && DesiredState == other.DesiredState
        && CurrentState == other.CurrentState
        && MachineId == other.MachineId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ClusterUnit other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, File, DesiredState, CurrentState, MachineId);

    // A state outside the enum is refused where it is given, as the functional layer refuses it before sending.
    private static DesiredState Checked(DesiredState desiredState) => DesiredStates.Validate(desiredState, nameof(desiredState)).OrThrow();

    private ClusterUnit Local(UnitFile file) => new(file, DesiredState, Name, currentState: null, machineId: null, client: null);

    private FleetApiClient Live(string action) =>
        client ?? throw new InvalidOperationException(
            $"this unit did not come from a fleet cluster, so it cannot {action}: create it with FleetApiClient.CreateUnitAsync, or read it with GetUnitAsync or ListUnits");
}
