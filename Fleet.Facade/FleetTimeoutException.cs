using Fleet.Core;

namespace Fleet.Facade;

/// <summary>
/// A deadline of the client's options passed: connecting (ConnectTimeout, the SSH timeout) or
/// waiting for a complete answer (RequestTimeout). Not thrown for the caller's own cancellation,
/// which is an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class FleetTimeoutException : TimeoutException, IFleetError
{
    /// <summary>Creates the exception for a timeout.</summary>
    /// <param name="error">The functional layer's error, of kind <see cref="ErrorKind.Timeout"/>.</param>
    public FleetTimeoutException(APIError error)
        : base(Require(error).Message) => Error = error;

    /// <inheritdoc />
    public APIError Error { get; }

    private static APIError Require(APIError error) => error ?? throw new ArgumentNullException(nameof(error));
}
