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
    public string Legend(string machineId, bool full)
    {
        var legend = MachineIds.Legend(machineId, full);
        var ip = machines?.FirstOrDefault(machine => machine.Id == machineId)?.PrimaryIp;
        return string.IsNullOrEmpty(ip) ? legend : $"{legend}/{ip}";
    }
}
