using Fleet.Core;

namespace Fleet.Facade;

public sealed partial class FleetApiClient
{
    /// <summary>
    /// The machines of the cluster, in id order, fetched a page at a time (python-fleet's
    /// <c>list_machines</c>). A failure is thrown where the stream reaches it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the page being fetched.</param>
    /// <returns>The machines.</returns>
    /// <exception cref="FleetApiException">fleet answered a page with an error.</exception>
    public IAsyncEnumerable<Machine> ListMachines(CancellationToken cancellationToken = default) =>
        Functional.ListMachines(cancellationToken).OrThrow(machine => machine, cancellationToken);

    /// <summary>The machines, collected.</summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The machines.</returns>
    /// <exception cref="FleetApiException">fleet answered a page with an error.</exception>
    public Task<IReadOnlyList<Machine>> ListMachinesAsync(CancellationToken cancellationToken = default) =>
        Functional.ListMachinesAsync(cancellationToken).OrThrowAsync();

    /// <summary>Applies metadata edits, in order, as one request; fleet checks them all before applying any.</summary>
    /// <param name="edits">The edits; at least one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When fleet has applied them.</returns>
    /// <exception cref="ArgumentException">An edit is refused with fleet's rules, or there are none.</exception>
    /// <exception cref="FleetApiException">fleet refused the edits.</exception>
    public Task EditMachineMetadataAsync(IEnumerable<MetadataEdit> edits, CancellationToken cancellationToken = default) =>
        Functional.EditMachineMetadataAsync(edits, cancellationToken).OrThrowAsync();
}
