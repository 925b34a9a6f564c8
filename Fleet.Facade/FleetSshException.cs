using Fleet.Core;

namespace Fleet.Facade;

/// <summary>
/// The SSH tunnel to fleet failed: connection, authentication, an unknown or changed host key, or
/// the channel. A kind of <see cref="FleetConnectionException"/>, since the tunnel is how fleet is reached.
/// </summary>
public sealed class FleetSshException : FleetConnectionException
{
    /// <summary>Creates the exception for an SSH failure.</summary>
    /// <param name="error">The functional layer's error, of kind <see cref="ErrorKind.Ssh"/>.</param>
    public FleetSshException(APIError error)
        : base(error)
    {
    }
}
