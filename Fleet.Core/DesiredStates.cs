using System.Globalization;
using LanguageExt;

namespace Fleet.Core;

/// <summary>Reading, writing and checking <see cref="DesiredState"/> as fleet spells it.</summary>
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

    // One of fleet's three states, not some other number cast to the enum.
    internal static bool IsDefined(DesiredState state) => state is DesiredState.Inactive or DesiredState.Loaded or DesiredState.Launched;

    /// <summary>
    /// Checks a state the caller passed before anything is built from it: an enum holds any
    /// number, fleet has a name for three, and a request carrying another would be refused by
    /// fleet (or, in a comparison, never match). Every operation that takes a state checks it here.
    /// </summary>
    /// <param name="state">The state.</param>
    /// <param name="parameter">Where the caller passed it, for the message: a parameter's name (<c>desiredState</c>) or a path into one (<c>options.DesiredState</c>).</param>
    /// <returns>The state, or a validation error that names <paramref name="parameter"/> and the value and carries it as <see cref="APIError.Parameter"/>.</returns>
    public static Either<APIError, DesiredState> Validate(DesiredState state, string parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return IsDefined(state) ? state : APIError.Validation(UndefinedMessage(state, parameter)) with { Parameter = parameter };
    }

    /// <summary>fleet's spelling of a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns><c>inactive</c>, <c>loaded</c> or <c>launched</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is not one of the three (see <see cref="Validate"/>).</exception>
    public static string ToFleetString(this DesiredState state) => state switch
    {
        DesiredState.Inactive => "inactive",
        DesiredState.Loaded => "loaded",
        DesiredState.Launched => "launched",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, UndefinedMessage(state, nameof(state))),
    };

    private static string UndefinedMessage(DesiredState state, string parameter) =>
        $"{parameter} {((int)state).ToString(CultureInfo.InvariantCulture)} is not a DesiredState: {InvalidStateMessage}";
}
