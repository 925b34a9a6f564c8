using Fleet.Core;

namespace Fleet.Facade;

/// <summary>
/// fleet answered with an HTTP error status (python-fleet's <c>APIError</c>): the status code,
/// fleet's own message and, when the answer was not fleet's error entity, what was received.
/// </summary>
public sealed class FleetApiException : Exception, IFleetError
{
    /// <summary>Creates the exception for an HTTP error from fleet.</summary>
    /// <param name="error">The functional layer's error, of kind <see cref="ErrorKind.Http"/>.</param>
    public FleetApiException(APIError error)
        : base(Require(error).Message) => Error = error;

    /// <inheritdoc />
    public APIError Error { get; }

    /// <summary>The HTTP status code fleet answered with (404, 409, 503, ...).</summary>
    public int Code => Error.Code ?? 0;

    /// <summary>fleet's message (<c>unit does not exist</c>), or a description of the answer when it was not fleet's error entity.</summary>
    public string FleetMessage => Error.Message;

    /// <summary>
    /// The start of the answer's body as fleet sent it (its <c>{"error":{...}}</c> entity, or
    /// whatever else came), escaped for display and cut at 512 bytes. The status is
    /// <see cref="Code"/>; the request is not kept.
    /// </summary>
    public string? RawResponse => Error.Received;

    private static APIError Require(APIError error) => error ?? throw new ArgumentNullException(nameof(error));
}
