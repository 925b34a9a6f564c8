using System.Text.Json;
using Fleet.Core;
using Fleet.UnitFiles;
using LanguageExt;

namespace Fleet;

internal sealed partial class ApiDriver
{
    public Task<Either<APIError, Unit>> PutUnitAsync(string name, UnitFile file, DesiredState? desiredState, CancellationToken cancellationToken) =>
        UnitRequestAsync(name, target =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new UnitBody(name, desiredState, file.Options), FleetJsonContext.Default.UnitBody);
            return SendAsync("PUT", target, body, FleetResponses.UnitStored, cancellationToken);
        });

    public Task<Either<APIError, Unit>> SetDesiredStateAsync(string name, DesiredState desiredState, CancellationToken cancellationToken) =>
        UnitRequestAsync(name, target =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new DesiredStateBody(name, desiredState), FleetJsonContext.Default.DesiredStateBody);
            return SendAsync("PUT", target, body, 204, cancellationToken);
        });

    public ValueTask<Either<APIError, FleetUnit>> GetUnitAsync(string name, CancellationToken cancellationToken)
    {
        // The one read that callers repeat: no closures, and no task beyond the pool's.
        if (targets.Unit(name).Failed(out var target, out var invalid)) return ValueTask.FromResult<Either<APIError, FleetUnit>>(invalid);
        return GetPooledAsync(target, FleetJsonContext.Default.FleetUnit, cancellationToken);
    }

    public Task<Either<APIError, Unit>> DestroyUnitAsync(string name, CancellationToken cancellationToken) =>
        UnitRequestAsync(name, target => SendAsync("DELETE", target, null, 204, cancellationToken));

    public IAsyncEnumerable<Either<APIError, FleetUnit>> ListUnits(CancellationToken cancellationToken) =>
        PagesAsync<UnitPage, FleetUnit>(token => targets.Page("units", token), FleetJsonContext.Default.UnitPage, cancellationToken);
}
