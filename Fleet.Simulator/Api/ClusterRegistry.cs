using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet.Simulator.Api;

/// <summary>
/// fleet's registry kept in memory by a <see cref="SimulatedCluster"/>. Nothing here fails and
/// nothing waits: every answer is ready when the call returns, and a page is found by index, so
/// each costs the same however many units the cluster holds.
/// </summary>
internal sealed class ClusterRegistry(SimulatedCluster cluster) : IRegistry
{
    private static readonly ValueTask<Either<APIError, LanguageExt.Unit>> Done = new(LanguageExt.Unit.Default);

    public ValueTask<Either<APIError, (IReadOnlyList<SimulatedMachine> Items, PageToken? Next)>> MachinePageAsync(PageToken token, CancellationToken cancellationToken) =>
        new(token.Slice(cluster.Machines));

    public ValueTask<Either<APIError, LanguageExt.Unit>> SetMetadataAsync(string machineId, string key, string? value, CancellationToken cancellationToken)
    {
        cluster.SetMetadata(machineId, key, value);
        return Done;
    }

    public ValueTask<Either<APIError, (IReadOnlyList<FleetUnit> Items, PageToken? Next)>> UnitPageAsync(PageToken token, CancellationToken cancellationToken)
    {
        var (stored, next) = token.Slice(cluster.ListedUnits);
        IReadOnlyList<FleetUnit> items = [.. stored.Select(unit => cluster.ToEntity(unit, listed: true)!)];
        return new((items, next));
    }

    public ValueTask<Either<APIError, Option<FleetUnit>>> UnitAsync(string name, CancellationToken cancellationToken)
    {
        if (cluster.Find(name) is not { } stored) return new(Option<FleetUnit>.None);
        // fleet fails to read a unit whose stored target state is not a state.
        return cluster.ToEntity(stored, listed: false) is { } unit
            ? new(Option<FleetUnit>.Some(unit))
            : new(new APIError(ErrorKind.Decoding, $"failed to parse Unit({name}) target-state: invalid value {Core.Text.GoQuoting.Quote(stored.TargetState)} for JobState"));
    }

    public ValueTask<Either<APIError, LanguageExt.Unit>> CreateUnitAsync(string name, UnitFile file, DesiredState desiredState, CancellationToken cancellationToken)
    {
        cluster.Put(name, file, desiredState.ToFleetString());
        return Done;
    }

    public ValueTask<Either<APIError, LanguageExt.Unit>> SetTargetStateAsync(string name, string targetState, CancellationToken cancellationToken)
    {
        cluster.SetTargetState(name, targetState);
        return Done;
    }

    public ValueTask<Either<APIError, LanguageExt.Unit>> DestroyUnitAsync(string name, CancellationToken cancellationToken)
    {
        cluster.Destroy(name);
        return Done;
    }

    public ValueTask<Either<APIError, (IReadOnlyList<UnitState> Items, PageToken? Next)>> StatePageAsync(PageToken token, string machineId, string unitName, CancellationToken cancellationToken) =>
        new(token.Slice(Filter(cluster.Report, machineId, unitName)));

    public ValueTask<Either<APIError, Option<UnitState>>> UnitStateAsync(string name, CancellationToken cancellationToken) =>
        new(cluster.Report.StatesOf(name).FirstOrDefault() is { } state ? Option<UnitState>.Some(state) : Option<UnitState>.None);

    // Unfiltered, the page is read by index from the sorted states; one unit's states are found
    // in them by name. Only a machine filter alone walks them all.
    private static IReadOnlyList<UnitState> Filter(AgentReport report, string machine, string unit)
    {
        if (unit.Length > 0) return [.. report.StatesOf(unit).Where(s => machine.Length == 0 || s.MachineId == machine)];
        if (machine.Length > 0) return [.. report.States.Where(s => s.MachineId == machine)];
        return report.States;
    }
}
