using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.Simulator.Api;
using Fleet.Simulator.Cluster;
using Fleet.Transport.Etcd;
using Fleet.UnitFiles;
using LanguageExt;
using Fleet.Transport.Registry;

namespace Fleet.Simulator.Registry;

/// <summary>
/// fleet's registry in etcd, as fleet's API handlers reach it through fleet's <c>RegistryClient</c>:
/// reads and creates through this project's registry driver (<see cref="FleetClient.ConnectToRegistryAsync"/>,
/// which reads and writes fleet v1.0.0's keyspace), and the two writes fleet makes without a
/// check written straight to etcd: a target state as given (<c>job/NAME/target-state</c>, any
/// text) and a machine's metadata value (<c>machines/ID/metadata/KEY</c>, an empty one for a
/// removed key). Every list is read whole and then sliced, as fleet does for each page.
/// </summary>
internal sealed class EtcdRegistry(FleetClient registry, EtcdKeysClient etcd, RegistryKeys keys) : IRegistry
{
    public async ValueTask<Either<APIError, (IReadOnlyList<SimulatedMachine> Items, PageToken? Next)>> MachinePageAsync(PageToken token, CancellationToken cancellationToken)
    {
        if ((await registry.ListMachinesAsync(cancellationToken).ConfigureAwait(false)).Failed(out var machines, out var error)) return error;
        IReadOnlyList<SimulatedMachine> all = [.. machines.Select(machine => new SimulatedMachine(machine.Id, machine.PrimaryIp ?? "", ValueMap.From(machine.Metadata)))];
        return token.Slice(all);
    }

    public async ValueTask<Either<APIError, LanguageExt.Unit>> SetMetadataAsync(string machineId, string key, string? value, CancellationToken cancellationToken)
    {
        var set = await etcd.SetAsync(keys.Metadata(machineId, key), value ?? "", EtcdSetOptions.Default, cancellationToken).ConfigureAwait(false);
        return set.Map(_ => LanguageExt.Unit.Default);
    }

    public async ValueTask<Either<APIError, (IReadOnlyList<FleetUnit> Items, PageToken? Next)>> UnitPageAsync(PageToken token, CancellationToken cancellationToken)
    {
        if ((await registry.ListUnitsAsync(cancellationToken).ConfigureAwait(false)).Failed(out var units, out var error)) return error;
        return token.Slice(units);
    }

    public async ValueTask<Either<APIError, Option<FleetUnit>>> UnitAsync(string name, CancellationToken cancellationToken)
    {
        var found = await registry.GetUnitAsync(name, cancellationToken).ConfigureAwait(false);
        if (!found.Failed(out var unit, out var error)) return Option<FleetUnit>.Some(unit);
        // A name fleet's rules refuse is never stored under job/: etcd would have none.
        return IsNone(error) ? Option<FleetUnit>.None : error;
    }

    public async ValueTask<Either<APIError, LanguageExt.Unit>> CreateUnitAsync(string name, UnitFile file, DesiredState desiredState, CancellationToken cancellationToken) =>
        await registry.CreateUnitAsync(name, file, desiredState, cancellationToken).ConfigureAwait(false);

    public async ValueTask<Either<APIError, LanguageExt.Unit>> SetTargetStateAsync(string name, string targetState, CancellationToken cancellationToken)
    {
        var set = await etcd.SetAsync(keys.TargetState(name), targetState, EtcdSetOptions.Default, cancellationToken).ConfigureAwait(false);
        return set.Map(_ => LanguageExt.Unit.Default);
    }

    public async ValueTask<Either<APIError, LanguageExt.Unit>> DestroyUnitAsync(string name, CancellationToken cancellationToken) =>
        await registry.DestroyUnitAsync(name, cancellationToken).ConfigureAwait(false);

    public async ValueTask<Either<APIError, (IReadOnlyList<UnitState> Items, PageToken? Next)>> StatePageAsync(PageToken token, string machineId, string unitName, CancellationToken cancellationToken)
    {
        var listed = await registry.ListUnitStatesAsync(machineId.Length == 0 ? null : machineId, unitName.Length == 0 ? null : unitName, cancellationToken).ConfigureAwait(false);
        if (listed.Failed(out var states, out var error)) return error;
        return token.Slice(states);
    }

    public async ValueTask<Either<APIError, Option<UnitState>>> UnitStateAsync(string name, CancellationToken cancellationToken)
    {
        var found = await registry.GetUnitStateAsync(name, cancellationToken).ConfigureAwait(false);
        if (!found.Failed(out var state, out var error)) return Option<UnitState>.Some(state);
        return IsNone(error) ? Option<UnitState>.None : error;
    }

    private static bool IsNone(APIError error) => error.Kind == ErrorKind.Validation || (error.Kind == ErrorKind.Http && error.Code == 404);
}
