using System.Text.Json;
using Fleet.Core;
using LanguageExt;

namespace Fleet;

public sealed partial class FleetClient
{
    /// <summary>The machines of the cluster, in id order, fetched a page at a time.</summary>
    /// <param name="cancellationToken">Cancels the page being fetched.</param>
    public IAsyncEnumerable<Either<APIError, Machine>> ListMachines(CancellationToken cancellationToken = default) =>
        PagesAsync<MachinePage, Machine>(token => targets.Page("machines", token), FleetJsonContext.Default.MachinePage, cancellationToken);

    /// <summary>The machines, collected; the first failure instead if there is one.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Either<APIError, IReadOnlyList<Machine>>> ListMachinesAsync(CancellationToken cancellationToken = default) =>
        ListMachines(cancellationToken).CollectAsync(cancellationToken);

    /// <summary>
    /// Applies metadata edits, in order, as one PATCH (fleet answers 204). Every edit is checked
    /// before anything is sent; fleet itself checks them all before applying any.
    /// </summary>
    /// <param name="edits">The edits; at least one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<Either<APIError, Unit>> EditMachineMetadataAsync(IEnumerable<MetadataEdit> edits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var operations = new List<MetadataOpBody>();
        foreach (var edit in edits)
        {
            ArgumentNullException.ThrowIfNull(edit, nameof(edits));
            if (edit.Validate().Failed(out _, out var error)) return error;
            operations.Add(new MetadataOpBody(
                edit.Operation.ToString().ToLowerInvariant(),
                $"/{edit.MachineId}/metadata/{edit.Key}",
                edit.Value is null ? null : new MetadataValue(edit.Value)));
        }
        if (operations.Count == 0) return APIError.Validation("a metadata edit needs at least one operation");
        var body = JsonSerializer.SerializeToUtf8Bytes(operations, FleetJsonContext.Default.ListMetadataOpBody);
        return await SendAsync("PATCH", targets.Machines, body, 204, cancellationToken).ConfigureAwait(false);
    }
}
