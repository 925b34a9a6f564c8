using Fleet.Core;

namespace Fleet.Facade;

/// <summary>
/// A unit file could not be read as fleet reads unit files (python-fleet raises
/// <c>ValueError</c>): the message says what is wrong and <see cref="Location"/> where.
/// Also thrown when the file cannot be read at all or is too large.
/// </summary>
public sealed class UnitFileFormatException : FormatException, IFleetError
{
    /// <summary>Creates the exception for a rejected unit file.</summary>
    /// <param name="error">The functional layer's error, of kind <see cref="ErrorKind.UnitFile"/>.</param>
    public UnitFileFormatException(APIError error)
        : base(Require(error).Message) => Error = error;

    /// <inheritdoc />
    public APIError Error { get; }

    /// <summary>The line and column of the problem, when it is at one place.</summary>
    public SourceLocation? Location => Error.Location;

    private static APIError Require(APIError error) => error ?? throw new ArgumentNullException(nameof(error));
}
