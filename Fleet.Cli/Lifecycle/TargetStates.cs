using Fleet.Cli.Commands;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>fleetctl's <c>lazyLoadUnits</c> and <c>lazyStartUnits</c> (its <c>setTargetStateOfUnits</c>).</summary>
internal static class TargetStates
{
    /// <summary>
    /// Sets the desired state of each unit the arguments name, skipping those that already desire
    /// it; the first failure ends it (what was set stays set).
    /// </summary>
    /// <param name="session">The run.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="state">The desired state.</param>
    /// <param name="cancellationToken">Stops the requests.</param>
    /// <returns>The units whose desired state was changed, as they were before, or fleetctl's text for the failure.</returns>
    public static async Task<Either<string, IReadOnlyList<FleetUnit>>> SetAsync(LifecycleSession session, IReadOnlyList<string> args, DesiredState state, CancellationToken cancellationToken)
    {
        var triggered = new List<FleetUnit>();
        foreach (var name in args.Select(UnitArguments.Mangle))
        {
            var found = await session.FindUnitAsync(name, cancellationToken).ConfigureAwait(false);
            if (found.Failed(out _, out var error)) return $"error retrieving unit {name} from registry: {session.Describe(error, "GET", session.Setup.UnitTarget(name))}";
            var unit = found.OrNull();
            if (unit is null) return $"unable to find unit {name}";
            if (unit.DesiredState == state) continue;
            var set = await session.RequestAsync((client, token) => client.SetDesiredStateAsync(unit.Name, state, token), cancellationToken).ConfigureAwait(false);
            if (set.Failed(out _, out error)) return session.Describe(error, "PUT", session.Setup.UnitTarget(unit.Name));
            triggered.Add(unit);
        }
        return triggered;
    }
}
