using Fleet.Core;
using Fleet.UnitFiles;

namespace Fleet.Cli.Lifecycle;

/// <summary>fleetctl's <c>suToGlobal</c>.</summary>
internal static class GlobalUnits
{
    /// <summary>Whether the unit runs on every machine (its last <c>[X-Fleet] Global</c> is true): fleetctl never waits for one.</summary>
    /// <param name="unit">The unit as fleet holds it.</param>
    /// <returns>Whether it is global.</returns>
    public static bool Is(FleetUnit unit) => UnitFile.FromOptions(unit.Options).Requirements(unit.Name).Global;
}
