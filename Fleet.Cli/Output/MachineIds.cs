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
}
