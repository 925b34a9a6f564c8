using LanguageExt;

namespace Fleet.Core;

/// <summary>Reading and writing <see cref="DesiredState"/> as fleet spells it.</summary>
public static class DesiredStates
{
    /// <summary>
    /// The message for a state that is not one of fleet's three, worded as python-fleet words it.
    /// </summary>
    public const string InvalidStateMessage = "state must be one of: ['inactive', 'loaded', 'launched']";

    /// <summary>Parses fleet's spelling of a state (<c>inactive</c>, <c>loaded</c>, <c>launched</c>).</summary>
    /// <param name="text">The state as fleet writes it; exact, lower case.</param>
    /// <returns>The state, or a validation error saying which states exist.</returns>
    public static Either<APIError, DesiredState> Parse(string? text) => text switch
    {
        "inactive" => DesiredState.Inactive,
        "loaded" => DesiredState.Loaded,
        "launched" => DesiredState.Launched,
        _ => APIError.Validation(InvalidStateMessage),
    };

    /// <summary>fleet's spelling of a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns><c>inactive</c>, <c>loaded</c> or <c>launched</c>.</returns>
    public static string ToFleetString(this DesiredState state) => state switch
    {
        DesiredState.Inactive => "inactive",
        DesiredState.Loaded => "loaded",
        DesiredState.Launched => "launched",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, InvalidStateMessage),
    };
}
