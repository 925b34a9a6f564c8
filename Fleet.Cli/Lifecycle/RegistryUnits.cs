using Fleet.Cli.Commands;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>fleetctl's <c>findUnits</c>.</summary>
internal static class RegistryUnits
{
    /// <summary>The units the registry holds that the arguments name, in the arguments' order (a unit named twice comes twice).</summary>
    /// <param name="session">The run.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The units, or fleetctl's text for the failed listing.</returns>
    public static async Task<Either<string, IReadOnlyList<FleetUnit>>> FindAsync(LifecycleSession session, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var listed = await session.RequestAsync((client, token) => client.ListUnitsAsync(token), cancellationToken).ConfigureAwait(false);
        return listed.Match<Either<string, IReadOnlyList<FleetUnit>>>(
            Left: error => session.Describe(error, "GET", session.Setup.Targets.Units),
            Right: units =>
            {
                var byName = new Dictionary<string, FleetUnit>(StringComparer.Ordinal);
                foreach (var unit in units) byName[unit.Name] = unit;
                return args.Select(UnitArguments.Mangle).Where(byName.ContainsKey).Select(name => byName[name]).ToList();
            });
    }
}
