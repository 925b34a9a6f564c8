using Fleet.Core;

namespace Fleet.Facade;

/// <summary>The one place an <see cref="APIError"/> becomes an exception; every facade method throws through it.</summary>
internal static class ErrorExceptions
{
    /// <summary>The exception for an error, by its kind; its message is the error's message.</summary>
    /// <param name="error">The functional layer's error.</param>
    /// <returns>The exception to throw.</returns>
    public static Exception ToException(this APIError error) => error.Kind switch
    {
        ErrorKind.Http => new FleetApiException(error),
        ErrorKind.Validation => new FleetArgumentException(error),
        ErrorKind.Transport => new FleetConnectionException(error),
        ErrorKind.Ssh => new FleetSshException(error),
        ErrorKind.Timeout => new FleetTimeoutException(error),
        ErrorKind.UnitFile => new UnitFileFormatException(error),
        ErrorKind.Protocol or ErrorKind.Decoding or ErrorKind.NotFleet => new FleetProtocolException(error),
        // A kind added to the functional layer later still surfaces with its error, not as a crash in the mapping.
        _ => new FleetProtocolException(error),
    };
}
