using Fleet.Core;

namespace Fleet.Cli.Output;

/// <summary>
/// fleetctl's <c>machineFullLegend</c> for units' machine columns: the machine id (shortened
/// unless full) and its public address, read once per command as fleetctl's
/// <c>cachedMachineState</c> does.
/// </summary>
/// <param name="machines">The machines the command read, or null when they could not be read.</param>
internal sealed class MachineLegends(IReadOnlyList<Machine>? machines)
{
    /// <summary>The legend for the machine with id <paramref name="machineId"/>; an unknown machine is shown by its id alone.</summary>
    /// <param name="machineId">The machine id.</param>
    /// <param name="full">Whether the id is printed whole.</param>
    /// <returns>The legend.</returns>
    public string Legend(string machineId, bool full) =>
        MachineIds.FullLegend(machineId, machines?.FirstOrDefault(machine => machine.Id == machineId)?.PrimaryIp, full);

    /// <summary>
    /// The legends for a listing: the machines are read only when <paramref name="needed"/>, as
    /// fleetctl's <c>cachedMachineState</c> reads them for the first row that names one; failing
    /// to read them is not an error, and machines are then shown by id alone.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="needed">Whether a row will show a machine.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The legends.</returns>
    public static async Task<MachineLegends> ReadAsync(FleetClient client, bool needed, CancellationToken cancellationToken) =>
        new(needed ? (await client.ListMachinesAsync(cancellationToken).ConfigureAwait(false)).Match(m => m, _ => (IReadOnlyList<Machine>?)null) : null);
}
