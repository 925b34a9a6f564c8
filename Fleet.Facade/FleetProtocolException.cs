using Fleet.Core;

namespace Fleet.Facade;

/// <summary>
/// The peer did not answer as fleet's v1 API does: it broke HTTP/1.1 (malformed, oversized or
/// truncated response), sent a body that is not fleet's JSON, or is another server altogether.
/// <see cref="Kind"/> tells which.
/// </summary>
public sealed class FleetProtocolException : Exception, IFleetError
{
    /// <summary>Creates the exception for an answer that is not fleet's.</summary>
    /// <param name="error">
    /// The functional layer's error, of kind <see cref="ErrorKind.Protocol"/>,
    /// <see cref="ErrorKind.Decoding"/> or <see cref="ErrorKind.NotFleet"/>.
    /// </param>
    public FleetProtocolException(APIError error)
        : base(Require(error).Message) => Error = error;

    /// <inheritdoc />
    public APIError Error { get; }

    /// <summary>Which way the answer was wrong: Protocol, Decoding or NotFleet.</summary>
    public ErrorKind Kind => Error.Kind;

    /// <summary>The start of what the peer sent, escaped for display, when anything was received.</summary>
    public string? RawResponse => Error.Received;

    private static APIError Require(APIError error) => error ?? throw new ArgumentNullException(nameof(error));
}
