using System.Text.Json;
using Fleet.Core;
using LanguageExt;

namespace Fleet;

internal sealed partial class ApiDriver
{
    public IAsyncEnumerable<Either<APIError, Machine>> ListMachines(CancellationToken cancellationToken) =>
        PagesAsync<MachinePage, Machine>(token => targets.Page("machines", token), FleetJsonContext.Default.MachinePage, cancellationToken);

    /// <summary>All edits as one PATCH (fleet answers 204); fleet checks them all before applying any.</summary>
    public async Task<Either<APIError, Unit>> EditMachineMetadataAsync(IReadOnlyList<MetadataEdit> edits, CancellationToken cancellationToken)
    {
        var operations = edits.Select(edit => new MetadataOpBody(
            edit.Operation.ToString().ToLowerInvariant(),
            $"/{edit.MachineId}/metadata/{edit.Key}",
            edit.Value is null ? null : new MetadataValue(edit.Value))).ToList();
        var body = JsonSerializer.SerializeToUtf8Bytes(operations, FleetJsonContext.Default.ListMetadataOpBody);
        return await SendAsync("PATCH", targets.Machines, body, 204, cancellationToken).ConfigureAwait(false);
    }
}
