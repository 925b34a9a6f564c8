using Fleet.Core;
using LanguageExt;

namespace Fleet.Transport.Connections;

/// <summary>
/// Opens a duplex byte stream to fleet: the one seam between the HTTP codec and the ways of
/// reaching fleet (unix socket, TCP, TLS, later SSH channels).
/// </summary>
internal interface IConnector
{
    /// <summary>Where this connector reaches, for messages and logs.</summary>
    string Description { get; }

    /// <summary>
    /// Gets ready to open streams: an SSH session, say, which may ask the caller about a host
    /// key and has a deadline of its own. The pool calls this before each connection, outside
    /// its connect deadline; it returns at once when ready.
    /// </summary>
    Task<Either<APIError, Unit>> PrepareAsync(CancellationToken cancellationToken) =>
        Task.FromResult<Either<APIError, Unit>>(Unit.Default);

    /// <summary>Opens a new stream, or says why it could not.</summary>
    Task<Either<APIError, Stream>> ConnectAsync(CancellationToken cancellationToken);
}
