using Fleet.Core;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>fleetctl's <c>isLocalUnitDifferent</c>: a unit in the registry compared with the local file the argument names, or the local template of the instance it names.</summary>
internal static class LocalDifference
{
    /// <summary>
    /// Whether the local file differs from the registry's unit; without <c>--replace</c> a
    /// difference is warned about on standard error. When the argument names no file, an instance's
    /// template file beside it is compared instead.
    /// </summary>
    /// <param name="session">The run.</param>
    /// <param name="file">The argument, a path to a unit file.</param>
    /// <param name="unit">The unit in the registry.</param>
    /// <param name="replace">Whether <c>--replace</c> was given.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>Whether they differ, or why nothing could be compared.</returns>
    public static async Task<Either<string, bool>> CheckAsync(LifecycleSession session, string file, FleetUnit unit, bool replace, CancellationToken cancellationToken)
    {
        if (!(await LocalUnitFiles.MatchesAsync(file, unit, cancellationToken).ConfigureAwait(false)).Failed(out var same, out _))
        {
            return Warn(session, same, unit, replace, $"local unit file {file}");
        }

        if (UnitNameInfo.Parse(GoPaths.Base(file)).Failed(out var info, out _)) return $"error extracting information from unit name {file}";
        if (!info.IsInstance) return $"error Unit {file} does not seem to be a template unit";
        var template = await LocalUnitFiles.MatchesAsync(GoPaths.Beside(file, info.Template!), unit, cancellationToken).ConfigureAwait(false);
        if (template.Failed(out var sameAsTemplate, out var failure)) return failure;
        return Warn(session, sameAsTemplate, unit, replace, $"local template unit file {file}");
    }

    private static bool Warn(LifecycleSession session, bool same, FleetUnit unit, bool replace, string what)
    {
        if (!same && !replace) session.Error($"WARNING: Unit {unit.Name} in registry differs from {what}. Add --replace to override.");
        return !same;
    }
}
