using Fleet.Core;

namespace Fleet.Transport.Connections;

/// <summary>
/// Thrown by a connector's stream when the way to fleet failed in a way it can name (a tunnel's
/// channel refused, a remote command that exited), so the HTTP codec reports that error rather
/// than a bare "connection closed". Streams only speak in exceptions; this one carries the value,
/// and the request that was using the stream answers <see cref="Error"/> unchanged.
/// </summary>
/// <param name="error">The failure, as the request should report it.</param>
public sealed class TransportFailure(APIError error) : IOException(error.Message)
{
    /// <summary>The failure, as the request reports it.</summary>
    public APIError Error { get; } = error;
}
