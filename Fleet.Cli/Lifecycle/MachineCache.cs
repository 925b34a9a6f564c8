using Fleet.Cli.Output;
using Fleet.Core;

namespace Fleet.Cli.Lifecycle;

/// <summary>
/// fleetctl's <c>cachedMachineState</c>: the machines, read at most once per run, the first time a
/// line needs one; a failed read leaves the cache empty for the rest of the run, as fleetctl's does.
/// </summary>
internal sealed class MachineCache
{
    private IReadOnlyDictionary<string, Machine>? machines;

    /// <summary>Whether the machines have been read (or their reading failed).</summary>
    public bool IsRead => machines is not null;

    /// <summary>Reads the machines unless that was done before.</summary>
    /// <param name="read">Reads them.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async Task ReadAsync(Func<CancellationToken, Task<LanguageExt.Either<APIError, IReadOnlyList<Machine>>>> read, CancellationToken cancellationToken)
    {
        if (machines is not null) return;
        var listed = await read(cancellationToken).ConfigureAwait(false);
        machines = listed.Match(
            Right: list => list.GroupBy(machine => machine.Id, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal),
            Left: _ => new Dictionary<string, Machine>(StringComparer.Ordinal));
    }

    /// <summary>
    /// fleetctl's <c>machineFullLegend</c> (<c>9a805ebd.../172.17.8.103</c>) for a machine the
    /// cache holds; null when the cache is not read or does not know the machine, and fleetctl
    /// then names no machine at all.
    /// </summary>
    /// <param name="machineId">The machine's id.</param>
    /// <returns>The legend, or null.</returns>
    public string? Legend(string machineId)
    {
        if (machines is null || !machines.TryGetValue(machineId, out var machine)) return null;
        return MachineIds.FullLegend(machine.Id, machine.PrimaryIp, full: false);
    }

    /// <summary>How a progress display names a machine: its legend when known, else its short id; never reads the machines.</summary>
    /// <param name="machineId">The machine's id, or null.</param>
    /// <returns>The name, or null for no machine.</returns>
    public string? Display(string? machineId) =>
        string.IsNullOrEmpty(machineId) ? null : Legend(machineId) ?? MachineIds.Legend(machineId, full: false);
}
