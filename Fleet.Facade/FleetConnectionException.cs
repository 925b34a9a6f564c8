using Fleet.Core;

namespace Fleet.Facade;

/// <summary>
/// fleet could not be reached, or the connection broke before the exchange completed (nobody
/// listening, connection refused or reset, a unit whose state fleet v1.0.0 answers by hanging up).
/// </summary>
public class FleetConnectionException : IOException, IFleetError
{
    /// <summary>Creates the exception for a transport failure.</summary>
    /// <param name="error">The functional layer's error, of kind <see cref="ErrorKind.Transport"/>.</param>
    public FleetConnectionException(APIError error)
        : base(Require(error).Message) => Error = error;

    /// <inheritdoc />
    public APIError Error { get; }

    private static APIError Require(APIError error) => error ?? throw new ArgumentNullException(nameof(error));
}
