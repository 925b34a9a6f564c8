using Fleet.Core;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet.Transport;

/// <summary>
/// fleet's operations as one seam with two implementations, as fleet's own <c>client.API</c> has:
/// fleet's v1 HTTP API (<see cref="Fleet.ApiDriver"/>) and fleet's registry read and written
/// straight in etcd (<see cref="Registry.RegistryDriver"/>). <see cref="FleetClient"/> checks
/// what is the same for both (names, states, options, metadata edits) and hands every operation
/// to its driver, which answers in fleet's words.
/// </summary>
internal interface IFleetDriver : IAsyncDisposable, IDisposable
{
    /// <summary>Creates or replaces a unit; without a desired state an existing unit of the same content is refused, as fleet refuses it.</summary>
    Task<Either<APIError, Unit>> PutUnitAsync(string name, UnitFile file, DesiredState? desiredState, CancellationToken cancellationToken);

    /// <summary>Changes the desired state of an existing unit.</summary>
    Task<Either<APIError, Unit>> SetDesiredStateAsync(string name, DesiredState desiredState, CancellationToken cancellationToken);

    /// <summary>One unit; none is an Http error with code 404 and fleet's message.</summary>
    ValueTask<Either<APIError, FleetUnit>> GetUnitAsync(string name, CancellationToken cancellationToken);

    /// <summary>Removes a unit; none is an Http error with code 404 and fleet's message.</summary>
    Task<Either<APIError, Unit>> DestroyUnitAsync(string name, CancellationToken cancellationToken);

    /// <summary>The state one machine published for a unit, as fleet's <c>state/NAME</c> answers it.</summary>
    Task<Either<APIError, UnitState>> GetUnitStateAsync(string name, CancellationToken cancellationToken);

    /// <summary>The state a machine published for a unit, or none while none has: an answer, not a failure.</summary>
    Task<Either<APIError, Option<UnitState>>> GetPublishedStateAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every unit, in name order; a failure is the stream's last element.</summary>
    IAsyncEnumerable<Either<APIError, FleetUnit>> ListUnits(CancellationToken cancellationToken);

    /// <summary>The unit states, by unit name then machine id, optionally of one machine and/or one unit.</summary>
    IAsyncEnumerable<Either<APIError, UnitState>> ListUnitStates(string? machineId, string? unitName, CancellationToken cancellationToken);

    /// <summary>The machines, in id order.</summary>
    IAsyncEnumerable<Either<APIError, Machine>> ListMachines(CancellationToken cancellationToken);

    /// <summary>Applies checked metadata edits, in order.</summary>
    Task<Either<APIError, Unit>> EditMachineMetadataAsync(IReadOnlyList<MetadataEdit> edits, CancellationToken cancellationToken);
}
