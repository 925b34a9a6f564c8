using Fleet.Core;

namespace Fleet.Facade;

/// <summary>
/// An argument was refused before anything was sent (python-fleet's <c>ValueError</c>): an
/// invalid unit name, desired state, option set, metadata edit or endpoint. The message is the
/// functional layer's, in fleet's words where fleet has them.
/// </summary>
public sealed class FleetArgumentException : ArgumentException, IFleetError
{
    /// <summary>Creates the exception for refused input.</summary>
    /// <param name="error">The functional layer's error, of kind <see cref="ErrorKind.Validation"/>.</param>
    public FleetArgumentException(APIError error)
        : base(Require(error).Message) => Error = error;

    /// <inheritdoc />
    public APIError Error { get; }

    /// <summary>The argument refused, when the error names one (<see cref="APIError.Parameter"/>): <c>desiredState</c>, or a path into one such as <c>options.DesiredState</c>.</summary>
    public override string? ParamName => Error.Parameter;

    private static APIError Require(APIError error) => error ?? throw new ArgumentNullException(nameof(error));
}
