using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet.Simulator.Api;

/// <summary>
/// What fleet's API handlers read and write: fleet's registry, as fleet's <c>client.API</c> gives
/// it to them. <see cref="ClusterRegistry"/> keeps it in memory, <see cref="Registry.EtcdRegistry"/>
/// in etcd as fleetd does. A failure is what fleet's registry call returned: the handlers answer
/// it with fleet's 500. A page is read as fleet reads one (the whole list, then a slice), unless
/// the registry can find a page by index.
/// </summary>
internal interface IRegistry
{
    /// <summary>One page of the machines, in id order, with the next page's token when this one is full.</summary>
    ValueTask<Either<APIError, (IReadOnlyList<SimulatedMachine> Items, PageToken? Next)>> MachinePageAsync(PageToken token, CancellationToken cancellationToken);

    /// <summary>Sets a machine's metadata value, or removes it (<paramref name="value"/> null), as fleet's <c>SetMachineMetadata</c> and <c>DeleteMachineMetadata</c> do.</summary>
    ValueTask<Either<APIError, LanguageExt.Unit>> SetMetadataAsync(string machineId, string key, string? value, CancellationToken cancellationToken);

    /// <summary>One page of the units fleet can read, in name order.</summary>
    ValueTask<Either<APIError, (IReadOnlyList<FleetUnit> Items, PageToken? Next)>> UnitPageAsync(PageToken token, CancellationToken cancellationToken);

    /// <summary>fleet's <c>Unit</c>: the unit, none, or a failure (also for a unit whose stored target state fleet cannot parse).</summary>
    ValueTask<Either<APIError, Option<FleetUnit>>> UnitAsync(string name, CancellationToken cancellationToken);

    /// <summary>fleet's <c>CreateUnit</c>: the unit written whole (a unit of that name is replaced and keeps its machine).</summary>
    ValueTask<Either<APIError, LanguageExt.Unit>> CreateUnitAsync(string name, UnitFile file, DesiredState desiredState, CancellationToken cancellationToken);

    /// <summary>fleet's <c>SetUnitTargetState</c>: the text stored as it is, unchecked.</summary>
    ValueTask<Either<APIError, LanguageExt.Unit>> SetTargetStateAsync(string name, string targetState, CancellationToken cancellationToken);

    /// <summary>fleet's <c>DestroyUnit</c>.</summary>
    ValueTask<Either<APIError, LanguageExt.Unit>> DestroyUnitAsync(string name, CancellationToken cancellationToken);

    /// <summary>One page of the unit states, by unit name then machine id, of one machine and/or one unit when those are not empty.</summary>
    ValueTask<Either<APIError, (IReadOnlyList<UnitState> Items, PageToken? Next)>> StatePageAsync(PageToken token, string machineId, string unitName, CancellationToken cancellationToken);

    /// <summary>fleet's <c>UnitState</c>: a state one machine published for the unit, or none.</summary>
    ValueTask<Either<APIError, Option<UnitState>>> UnitStateAsync(string name, CancellationToken cancellationToken);
}
