using Fleet.Core;
using LanguageExt;

namespace Fleet.Transport.Connections;

/// <summary>
/// Opens duplex byte streams to fleet's address: the one seam between the HTTP codec and the
/// ways of reaching fleet, in the spirit of <c>SocketsHttpHandler.ConnectCallback</c>. The
/// transport's own connectors are unix sockets, TCP and TLS; others (a tunnel, say) plug in
/// through <see cref="HttpTransportOptions.Connector"/>.
/// </summary>
/// <remarks>
/// <para>
/// A connector yields the plain bytes to the endpoint's address (its host and port, or its unix
/// socket path). For an <c>https</c> endpoint the transport layers TLS over each stream itself and
/// checks fleet's certificate against the endpoint's host name, so a connector never does TLS.
/// </para>
/// <para>
/// One client owns the connector made for it and calls it from many requests at once, so
/// <see cref="ConnectAsync"/> must be safe to call concurrently. When the connector also implements
/// <see cref="IDisposable"/>, the client disposes it once, when the client itself is disposed
/// (after closing its connections): that is where a connector releases what it holds, such as
/// a tunnel's session.
/// </para>
/// <para>
/// Expected failures are values, not exceptions: <see cref="PrepareAsync"/> and
/// <see cref="ConnectAsync"/> answer an <see cref="APIError"/>, which reaches the caller of the
/// request unchanged. A stream that fails later in a way it can name throws
/// <see cref="TransportFailure"/>, whose error the request answers.
/// </para>
/// </remarks>
public interface IFleetConnector
{
    /// <summary>Where this connector reaches, for messages and logs (for example <c>tcp 10.0.0.1:49153</c>).</summary>
    string Description { get; }

    /// <summary>
    /// Gets ready to open streams: a tunnel's session, say, which may ask the user about a host key
    /// and has a deadline of its own. The client calls this before each connection it opens,
    /// outside its connect deadline; it should return at once when already ready. The default is
    /// ready at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>Unit when ready, or why the connector cannot be used.</returns>
    Task<Either<APIError, Unit>> PrepareAsync(CancellationToken cancellationToken) =>
        Task.FromResult<Either<APIError, Unit>>(Unit.Default);

    /// <summary>Opens a new stream to fleet's address, or says why it could not.</summary>
    /// <param name="cancellationToken">Cancels the attempt; the client's connect deadline fires through it too.</param>
    /// <returns>A stream the client owns and disposes, or the error.</returns>
    Task<Either<APIError, Stream>> ConnectAsync(CancellationToken cancellationToken);
}
