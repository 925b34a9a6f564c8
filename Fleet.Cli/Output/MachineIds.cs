namespace Fleet.Cli.Output;

/// <summary>How fleetctl shows a machine id.</summary>
internal static class MachineIds
{
    private const int ShortLength = 8;

    /// <summary>fleetctl's <c>machineIDLegend</c>: the whole id with <c>--full</c>, else its first eight characters and <c>...</c>.</summary>
    /// <param name="id">The machine id.</param>
    /// <param name="full">Whether to print it whole.</param>
    /// <returns>The legend.</returns>
    public static string Legend(string id, bool full) =>
        full ? id : $"{(id.Length > ShortLength ? id[..ShortLength] : id)}...";

    /// <summary>fleetctl's <c>machineFullLegend</c>: the id's legend and the machine's address after a slash, when it has one.</summary>
    /// <param name="id">The machine id.</param>
    /// <param name="ip">The machine's public address, or null or empty when unknown.</param>
    /// <param name="full">Whether to print the id whole.</param>
    /// <returns>The legend.</returns>
    public static string FullLegend(string id, string? ip, bool full) =>
        string.IsNullOrEmpty(ip) ? Legend(id, full) : $"{Legend(id, full)}/{ip}";
}
