namespace Fleet.Cli.Remote;

/// <summary>How fleetctl's <c>ssh</c> finds the address of the machine it is asked for (ssh.go).</summary>
internal static class MachineAddresses
{
    /// <summary>fleetctl's <c>findAddressInMachineList</c>: the one machine whose id starts with <paramref name="lookup"/>.</summary>
    /// <param name="cluster">The API.</param>
    /// <param name="lookup">A machine id or the start of one.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The machine's address and true, or why not.</returns>
    public static async Task<(string Address, bool Found, string? Error)> OfMachineAsync(ClusterLookup cluster, string lookup, CancellationToken cancellationToken)
    {
        var (machines, error) = await cluster.MachinesAsync(cancellationToken).ConfigureAwait(false);
        if (machines is null) return ("", false, error);
        var matches = machines.Where(machine => machine.Id.StartsWith(lookup, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count switch
        {
            0 => ("", false, "machine does not exist"),
            1 => (matches[0].PrimaryIp ?? "", true, null),
            _ => ("", false, "found more than one machine"),
        };
    }

    /// <summary>fleetctl's <c>findAddressInRunningUnits</c>: the address of the machine the unit is scheduled to.</summary>
    /// <param name="cluster">The API.</param>
    /// <param name="argument">A unit name, or a path whose last part is one; <c>.service</c> when it has no type.</param>
    /// <param name="cancellationToken">Stops the requests.</param>
    /// <returns>The address and true; no address and no error when the unit's machine is not known or has no address; or why not.</returns>
    public static async Task<(string Address, bool Found, string? Error)> OfUnitAsync(ClusterLookup cluster, string argument, CancellationToken cancellationToken)
    {
        var (unit, error) = await cluster.UnitAsync(Commands.UnitArguments.Mangle(argument), cancellationToken).ConfigureAwait(false);
        if (error is not null) return ("", false, error);
        if (unit is null) return ("", false, "unit does not exist");
        if (ClusterLookup.IsGlobal(unit)) return ("", false, "global units unsupported");
        var machine = await cluster.CachedMachineAsync(unit.MachineId ?? "", cancellationToken).ConfigureAwait(false);
        return machine is { PrimaryIp: { Length: > 0 } address } ? (address, true, null) : ("", false, null);
    }

    /// <summary>fleetctl's <c>globalMachineLookup</c>: the first argument as a machine or as a unit, whichever it names.</summary>
    /// <param name="cluster">The API.</param>
    /// <param name="args">The command's arguments.</param>
    /// <param name="cancellationToken">Stops the requests.</param>
    /// <returns>The address, or why not.</returns>
    public static async Task<(string Address, string? Error)> OfEitherAsync(ClusterLookup cluster, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count == 0) return ("", "one machine or unit must be provided");
        var lookup = args[0];
        var machine = await OfMachineAsync(cluster, lookup, cancellationToken).ConfigureAwait(false);
        var unit = await OfUnitAsync(cluster, lookup, cancellationToken).ConfigureAwait(false);
        return (machine.Found, unit.Found) switch
        {
            (true, true) => ("", $"ambiguous argument, both machine and unit found for `{lookup}`.\nPlease use flag `-m` or `-u` to refine the search"),
            (true, false) => (machine.Address, null),
            (false, true) => (unit.Address, null),
            _ => ("", "could not find matching unit or machine"),
        };
    }
}
