using Fleet.Core;
using LanguageExt;

namespace Fleet;

public sealed partial class FleetClient
{
    /// <summary>The machines of the cluster, in id order, fetched a page at a time.</summary>
    /// <param name="cancellationToken">Cancels the page being fetched.</param>
    public IAsyncEnumerable<Either<APIError, Machine>> ListMachines(CancellationToken cancellationToken = default) =>
        driver.ListMachines(cancellationToken);

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
    /// <remarks>
    /// Over the registry each edit is one write of <c>machines/ID/metadata/KEY</c>, in order, as
    /// fleet's API makes them (a removal writes an empty value, which hides the machine's own
    /// value); a failure stops the edits that follow and leaves those before it made, as it does
    /// in fleet.
    /// </remarks>
    public async Task<Either<APIError, Unit>> EditMachineMetadataAsync(IEnumerable<MetadataEdit> edits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var checkedEdits = new List<MetadataEdit>();
        foreach (var edit in edits)
        {
            ArgumentNullException.ThrowIfNull(edit, nameof(edits));
            if (edit.Validate().Failed(out _, out var error)) return error;
            checkedEdits.Add(edit);
        }
        if (checkedEdits.Count == 0) return APIError.Validation("a metadata edit needs at least one operation");
        return await driver.EditMachineMetadataAsync(checkedEdits, cancellationToken).ConfigureAwait(false);
    }
}
