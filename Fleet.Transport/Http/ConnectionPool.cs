using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Fleet.Core;
using Fleet.Transport.Connections;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Transport.Http;

/// <summary>
/// Keep-alive connections to one endpoint, shared by any number of concurrent callers: at most
/// <see cref="HttpTransportOptions.MaxConnections"/> in use, idle ones kept for the idle timeout.
/// An idle connection is watched while it waits: one the server closed, or sent bytes to, is
/// dropped instead of used once the watching read has seen it; a close or bytes that arrive in
/// the instant before the connection is taken cannot be seen, as with any HTTP/1.1 client, and
/// then the request fails (or, for a stray answer, is refused). A request that fails before any response byte on a reused
/// connection (the server closed it just as the request went out) is retried once on a new
/// connection if its method is idempotent; nothing else is retried.
/// </summary>
internal sealed class ConnectionPool : IAsyncDisposable, IDisposable
{
    private readonly IFleetConnector connector;
    private int connectorReleased;
    private readonly HttpTransportOptions options;
    private readonly ILogger logger;
    private readonly TransportTelemetry? telemetry;
    private readonly SemaphoreSlim slots;
    // Last in, first out, so the most recently used connection goes first and the others age
    // out. A lock, not a ConcurrentStack: that allocates a node on every push.
    private readonly Stack<(HttpConnection Connection, long IdleSince)> idle = new();
    private readonly Lock idleLock = new();
    private volatile bool disposed;

    public ConnectionPool(IFleetConnector connector, HttpTransportOptions? options = null, ILogger? logger = null, FleetEndpoint? endpoint = null)
    {
        this.connector = connector;
        // Traces and metrics need the endpoint's name; a pool made without one (in tests) has none.
        telemetry = endpoint is null ? null : new TransportTelemetry(endpoint);
        this.options = options ?? HttpTransportOptions.Default;
        this.logger = logger ?? NullLogger.Instance;
        slots = new SemaphoreSlim(this.options.MaxConnections, this.options.MaxConnections);
    }

    /// <summary>Connections waiting for a request.</summary>
    public int IdleCount
    {
        get
        {
            lock (idleLock) return idle.Count;
        }
    }

    /// <summary>
    /// Sends a request on an idle or new connection and hands the response to
    /// <paramref name="handle"/>, whose view of the body ends when it returns. Failures are
    /// values; only the caller's cancellation throws. The returned task is pooled: await it once.
    /// </summary>
    public ValueTask<Either<APIError, T>> SendAsync<T>(
        HttpRequest request, Func<HttpResponse, Either<APIError, T>> handle, CancellationToken cancellationToken) =>
        SendAsync(request, handle, static (response, handle) => handle(response), cancellationToken);

    /// <summary>
    /// As the other overload, with <paramref name="state"/> handed to <paramref name="handle"/>:
    /// a static handler then needs no closure, which would be an allocation per request.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Either<APIError, T>> SendAsync<TState, T>(
        HttpRequest request, TState state, Func<HttpResponse, TState, Either<APIError, T>> handle, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (result, retryable) = await SendOnceAsync(request, state, handle, await TakeIdleAsync().ConfigureAwait(false), 0, cancellationToken).ConfigureAwait(false);
            if (!retryable || !request.IsIdempotent) return result;
            TransportLog.Retrying(logger, request.Method, request.Target, result.Match(_ => "", e => e.Message));
            (result, _) = await SendOnceAsync(request, state, handle, null, 1, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            slots.Release();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(Either<APIError, T> Result, bool Retryable)> SendOnceAsync<TState, T>(
        HttpRequest request, TState state, Func<HttpResponse, TState, Either<APIError, T>> handle, HttpConnection? connection, int resendCount, CancellationToken cancellationToken)
    {
        // The attempt's span and duration include opening its connection, as HttpClient's do.
        var activity = telemetry?.StartRequest(request, resendCount);
        var attemptStarted = Stopwatch.GetTimestamp();
        var reused = connection is not null;
        if (connection is null)
        {
            Either<APIError, HttpConnection> opened;
            try
            {
                opened = await OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                telemetry?.EndRequest(activity, request.Method, attemptStarted, e);
                throw;
            }
            if (opened.Failed(out connection, out var error))
            {
                telemetry?.EndRequest(activity, request.Method, attemptStarted, 0, error);
                return (error, false);
            }
            telemetry?.Opened(connection);
        }
        else
        {
            telemetry?.Moved(connection, toIdle: false);
        }
        telemetry?.Connection(activity, connection, reused);

        if (request.Body is { } body && logger.IsEnabled(LogLevel.Trace))
        {
            TransportLog.RequestBody(logger, request.Method, request.Target, Encoding.UTF8.GetString(body));
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            // The body-logging wrapper is a closure: made only when Trace is on.
            var result = logger.IsEnabled(LogLevel.Trace)
                ? await connection.SendAsync(request, LoggingBody(request, state, handle), cancellationToken, options.RequestTimeout).ConfigureAwait(false)
                : await connection.SendAsync(request, state, handle, cancellationToken, options.RequestTimeout).ConfigureAwait(false);

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var reuse = reused ? "reused" : "new";
            var status = connection.LastStatus;
            if (status != 0) TransportLog.Exchange(logger, request.Method, request.Target, status, elapsed, connection.Id, reuse);
            else TransportLog.Failed(logger, request.Method, request.Target, elapsed, connection.Id, reuse, result.Match(_ => "", e => e.ToString()));
            telemetry?.EndRequest(activity, request.Method, attemptStarted, status, result.Failed(out _, out var failure) ? failure : null);

            var retryable = reused && status == 0 && connection.FailedBeforeResponse && result.Match(_ => false, e => e.Kind == ErrorKind.Transport);
            await ReturnAsync(connection).ConfigureAwait(false);
            return (result, retryable);
        }
        catch (Exception e)
        {
            // Cancelled by the caller, or a bug: the connection may be half-read, so it goes.
            telemetry?.EndRequest(activity, request.Method, attemptStarted, e);
            await CloseAsync(connection, idle: false).ConfigureAwait(false);
            throw;
        }
    }

    private Func<HttpResponse, Either<APIError, T>> LoggingBody<TState, T>(HttpRequest request, TState state, Func<HttpResponse, TState, Either<APIError, T>> handle) => response =>
    {
        TransportLog.ResponseBody(logger, request.Method, request.Target, Encoding.UTF8.GetString(response.Body.ToArray()));
        return handle(response, state);
    };

    private async Task<Either<APIError, HttpConnection>> OpenAsync(CancellationToken cancellationToken)
    {
        // Outside the connect deadline: a connector's session (a tunnel's) has its own, and may wait for a person.
        if ((await connector.PrepareAsync(cancellationToken).ConfigureAwait(false)).Failed(out _, out var error)) return error;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            var stream = await connector.ConnectAsync(timeout.Token).ConfigureAwait(false);
            return stream.Map(s => new HttpConnection(s, options.Limits, connector.Description));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new APIError(ErrorKind.Timeout, $"connecting to {connector.Description} took longer than {options.ConnectTimeout.TotalSeconds:0.###} s");
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpConnection?> TakeIdleAsync()
    {
        var now = Stopwatch.GetTimestamp();
        while (TryPop(out var entry))
        {
            if (Stopwatch.GetElapsedTime(entry.IdleSince, now) < options.IdleTimeout && entry.Connection.StayedSilent) return entry.Connection;
            // Closed before another may open: never more than MaxConnections sockets at once.
            await CloseAsync(entry.Connection, idle: true).ConfigureAwait(false);
        }
        return null;
    }

    private bool TryPop(out (HttpConnection Connection, long IdleSince) entry)
    {
        lock (idleLock) return idle.TryPop(out entry);
    }

    private async ValueTask ReturnAsync(HttpConnection connection)
    {
        if (connection.IsReusable && !disposed)
        {
            connection.WatchWhileIdle();
            telemetry?.Moved(connection, toIdle: true);
            lock (idleLock) idle.Push((connection, Stopwatch.GetTimestamp()));
            // Disposal may have drained the stack just before the push: drain again.
            if (disposed) await DrainAsync().ConfigureAwait(false);
            return;
        }
        await CloseAsync(connection, idle: false).ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        while (TryPop(out var entry)) await CloseAsync(entry.Connection, idle: true).ConfigureAwait(false);
    }

    private ValueTask CloseAsync(HttpConnection connection, bool idle)
    {
        telemetry?.Closing(connection, idle);
        return connection.DisposeAsync();
    }

    // The semaphore is not disposed: requests still in flight release their slot when they end.
    public async ValueTask DisposeAsync()
    {
        disposed = true;
        await DrainAsync().ConfigureAwait(false);
        ReleaseConnector();
    }

    // As DisposeAsync, closing the idle connections without waiting on any of them; one still
    // carrying a request is closed when it comes back (ReturnAsync sees the pool disposed).
    public void Dispose()
    {
        disposed = true;
        while (TryPop(out var entry))
        {
            telemetry?.Closing(entry.Connection, idle: true);
            entry.Connection.Dispose();
        }
        ReleaseConnector();
    }

    // The pool owns its connector, which may hold a session of its own (a user's tunnel): it is
    // disposed once, whichever of Dispose and DisposeAsync comes first or however often.
    private void ReleaseConnector()
    {
        if (Interlocked.Exchange(ref connectorReleased, 1) == 0) (connector as IDisposable)?.Dispose();
    }
}
