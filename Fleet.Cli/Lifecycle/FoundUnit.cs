using Fleet.Core;
using LanguageExt;

namespace Fleet.Cli.Lifecycle;

/// <summary>Reading the answer of <see cref="LifecycleSession.FindUnitAsync"/>.</summary>
internal static class FoundUnit
{
    /// <summary>The unit found, or null when there is none or the request failed.</summary>
    /// <param name="found">The answer.</param>
    /// <returns>The unit or null.</returns>
    public static FleetUnit? OrNull(this Either<APIError, Option<FleetUnit>> found) =>
        found.MatchUnsafe(option => option.MatchUnsafe(unit => unit, () => null), _ => null);
}
