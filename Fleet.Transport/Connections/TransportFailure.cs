using Fleet.Core;

namespace Fleet.Transport.Connections;

/// <summary>
/// Thrown by a connector's stream when the way to fleet failed in a way it can name (an SSH
/// channel refused, a remote command that exited), so the HTTP codec reports that error rather
/// than a bare "connection closed". Streams only speak in exceptions; this one carries the value.
/// </summary>
internal sealed class TransportFailure(APIError error) : IOException(error.Message)
{
    public APIError Error { get; } = error;
}
