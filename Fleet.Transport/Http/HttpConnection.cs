using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Fleet.Core;
using Fleet.Transport.Connections;
using LanguageExt;

namespace Fleet.Transport.Http;

/// <summary>
/// One HTTP/1.1 connection over any duplex byte stream (socket, TLS, a supplied connector's channel), driven
/// through a PipeReader and a PipeWriter. One request at a time. A response is read whole
/// (within the limits) and handed to the caller's handler as a view of the buffer; only then
/// is the buffer released. The connection is reusable only after a complete response with
/// keep-alive and nothing extra behind it.
/// </summary>
internal sealed class HttpConnection : IAsyncDisposable, IDisposable
{
    /// <summary>The message of a connection the server closed before a byte of its answer.</summary>
    public const string ClosedWithoutAnswer = "the server closed the connection without answering";

    private const int ScratchBytes = 1024;

    private static readonly IOException Closed = new("the connection is closed");

    private static long lastId;

    private readonly Stream stream;
    private readonly PipeReader reader;
    private readonly PipeWriter writer;
    private readonly HttpLimits limits;
    private readonly byte[] scratch;
    private readonly string peer;

    // One timeout source for the connection's life, re-armed per request and reset after it:
    // a linked source per request would cost a source and a timer every time.
    private readonly CancellationTokenSource timeouts = new();

    // A read left pending while the connection waits in the pool (see WatchWhileIdle); the next
    // request takes it over as the first read of its answer.
    private ValueTask<ReadResult> idleRead;
    private bool watchingIdle;

    public HttpConnection(Stream stream, HttpLimits? limits = null, string? peer = null)
    {
        this.stream = stream;
        this.peer = peer ?? "the server";
        this.limits = limits ?? HttpLimits.Default;
        reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        scratch = new byte[Math.Max(ScratchBytes, this.limits.MaxLineBytes)];
        Id = Interlocked.Increment(ref lastId);
    }

    /// <summary>A number that tells connections apart in logs.</summary>
    public long Id { get; }

    /// <summary>When the pool opened it (a Stopwatch timestamp), for <c>http.client.connection.duration</c>.</summary>
    public long OpenedAt { get; set; }

    /// <summary>Whether <c>http.client.open_connections</c> counted it when it opened, so that its moves and its close count too.</summary>
    public bool Counted { get; set; }

    /// <summary>How many requests this connection has completed.</summary>
    public int Completed { get; private set; }

    /// <summary>Whether another request may be sent on this connection.</summary>
    public bool IsReusable { get; private set; } = true;

    /// <summary>Whether the last failure happened before any byte of the response arrived (so an idempotent request may be retried).</summary>
    public bool FailedBeforeResponse { get; private set; }

    /// <summary>The status code of the last request's final response, or 0 when none was read.</summary>
    public int LastStatus { get; private set; }

    /// <summary>
    /// Whether nothing has arrived since <see cref="WatchWhileIdle"/>: no byte and no close. A
    /// connection the server closed while it was idle, or sent bytes nobody asked for, must not
    /// carry another request: the bytes would be read as its answer.
    /// </summary>
    public bool StayedSilent => !watchingIdle || !idleRead.IsCompleted;

    /// <summary>
    /// Starts a read on a reusable connection that is about to wait in the pool, so that whatever
    /// the server does meanwhile (close it, send stray bytes) is seen before the connection is
    /// used again. The next request's answer continues that read.
    /// </summary>
    public void WatchWhileIdle()
    {
        if (!IsReusable || watchingIdle) return;
        watchingIdle = true;
        idleRead = reader.ReadAsync(CancellationToken.None);
    }

    /// <summary>
    /// Sends a request and hands its response to <paramref name="handle"/>. A response that is
    /// not complete within <paramref name="timeout"/> is a Timeout error; the caller's
    /// cancellation is an OperationCanceledException. Either way the connection is not reused.
    /// The returned task is pooled: await it once.
    /// </summary>
    public ValueTask<Either<APIError, T>> SendAsync<T>(
        HttpRequest request, Func<HttpResponse, Either<APIError, T>> handle, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        SendAsync(request, handle, static (response, handle) => handle(response), cancellationToken, timeout);

    /// <summary>
    /// As the other overload, with <paramref name="state"/> handed to <paramref name="handle"/>:
    /// a static handler then needs no closure, which would be an allocation per request.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Either<APIError, T>> SendAsync<TState, T>(
        HttpRequest request, TState state, Func<HttpResponse, TState, Either<APIError, T>> handle, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (!RequestWriter.IsSafeTarget(request.Target))
        {
            return APIError.Validation($"the request target {Core.Text.GoQuoting.Quote(request.Target)} must be an escaped path of visible ASCII");
        }
        if (!RequestWriter.IsSafeHost(request.Host))
        {
            return APIError.Validation($"the Host value {Core.Text.GoQuoting.Quote(request.Host)} must be visible ASCII");
        }
        if (!RequestWriter.IsSafeContentType(request.ContentType))
        {
            return APIError.Validation($"the Content-Type value {Core.Text.GoQuoting.Quote(request.ContentType!)} must be visible ASCII");
        }
        if (!IsReusable) throw new InvalidOperationException("this connection cannot carry another request");

        IsReusable = false;
        FailedBeforeResponse = true;
        LastStatus = 0;
        var limit = timeout ?? Timeout.InfiniteTimeSpan;
        timeouts.CancelAfter(limit);
        var link = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timeouts)
            : default;
        var token = timeouts.Token;
        try
        {
            RequestWriter.Write(writer, request);
            var flushed = await writer.FlushAsync(token).ConfigureAwait(false);
            if (flushed.IsCompleted) return Broken("the server closed the connection before the request was sent", ReadOnlySequence<byte>.Empty);
            return await ReadResponseAsync(request, state, handle, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            IsReusable = false;
            return new APIError(ErrorKind.Timeout, $"no complete answer to {request.Method} {request.Target} from {peer} within {limit.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException)
        {
            IsReusable = false;
            throw new OperationCanceledException(cancellationToken);
        }
        catch (TransportFailure e)
        {
            IsReusable = false;
            return e.Error;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return Broken($"the connection broke: {e.Message}", ReadOnlySequence<byte>.Empty);
        }
        finally
        {
            // Unlink first (Dispose waits for a running callback), so the caller's token cannot
            // fire into the next request. A source that fired cannot be reset, and a connection
            // it fired on may be half-read.
            link.Dispose();
            if (!timeouts.TryReset()) IsReusable = false;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Either<APIError, T>> ReadResponseAsync<TState, T>(
        HttpRequest request, TState state, Func<HttpResponse, TState, Either<APIError, T>> handle, CancellationToken cancellationToken)
    {
        ResponseHead head = default;
        var haveHead = false;
        var framing = BodyFraming.None;
        ChunkedBodyDecoder? chunked = null;
        var bufferedLimit = 2L * limits.MaxHeaderBytes + limits.MaxBodyBytes;

        while (true)
        {
            var result = watchingIdle
                ? await ContinueIdleReadAsync(cancellationToken).ConfigureAwait(false)
                : await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            // A CancelPendingRead from an idle read's registration that fired as the read ended
            // leaves the next read cancelled without a throw.
            if (result.IsCanceled) throw new OperationCanceledException(cancellationToken);
            var buffer = result.Buffer;
            if (!buffer.IsEmpty) FailedBeforeResponse = false;

            if (!haveHead)
            {
                var status = ResponseHeadParser.TryParse(buffer, limits, scratch, out head, out var rejection);
                if (status == ParseStatus.Invalid) return Refused(rejection, buffer);
                if (status == ParseStatus.Complete)
                {
                    if (head.IsInformational)
                    {
                        // 100 Continue and friends precede the real answer; drop them.
                        reader.AdvanceTo(buffer.GetPosition(head.Length));
                        continue;
                    }
                    haveHead = true;
                    framing = BodyFramings.Of(request.Method, head);
                    if (framing == BodyFraming.ContentLength && head.ContentLength > limits.MaxBodyBytes) return Refused(HttpRejection.BodyTooLarge, buffer);
                    if (framing == BodyFraming.Chunked) chunked = new ChunkedBodyDecoder();
                }
            }

            if (haveHead)
            {
                var afterHead = buffer.Slice(head.Length);
                ReadOnlySequence<byte>? body = null;
                long used = 0;
                switch (framing)
                {
                    case BodyFraming.None:
                        body = ReadOnlySequence<byte>.Empty;
                        break;
                    case BodyFraming.ContentLength:
                        if (afterHead.Length >= head.ContentLength!.Value)
                        {
                            used = head.ContentLength.Value;
                            body = afterHead.Slice(0, used);
                        }
                        break;
                    case BodyFraming.Chunked:
                        var decoded = chunked!.TryDecode(afterHead, limits, scratch, out var rejection);
                        if (decoded == ParseStatus.Invalid) return Refused(rejection, buffer);
                        if (decoded == ParseStatus.Complete)
                        {
                            used = chunked.FramingLength;
                            body = chunked.Body(afterHead);
                        }
                        break;
                    case BodyFraming.UntilClose:
                        if (afterHead.Length > limits.MaxBodyBytes) return Refused(HttpRejection.BodyTooLarge, buffer);
                        if (result.IsCompleted)
                        {
                            used = afterHead.Length;
                            body = afterHead;
                        }
                        break;
                }

                if (body is { } complete)
                {
                    var end = head.Length + used;
                    LastStatus = head.StatusCode;
                    try
                    {
                        return handle(new HttpResponse(head.StatusCode, head.ContentType, complete, head.Location, head.EtcdIndex), state);
                    }
                    finally
                    {
                        // Bytes beyond the response mean the stream is out of step: never reuse it.
                        IsReusable = head.KeepAlive && framing != BodyFraming.UntilClose && buffer.Length == end && !result.IsCompleted;
                        Completed++;
                        reader.AdvanceTo(buffer.GetPosition(end));
                    }
                }
            }

            if (result.IsCompleted)
            {
                return buffer.IsEmpty
                    ? Broken(ClosedWithoutAnswer, buffer)
                    : Refused(HttpRejection.EndedEarly, buffer);
            }
            if (buffer.Length > bufferedLimit) return Refused(HttpRejection.BodyTooLarge, buffer);
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // The idle read was started without a token, so the request's deadline and the caller's
    // cancellation end it through CancelPendingRead. Pooled, like the rest of a request's path.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> ContinueIdleReadAsync(CancellationToken cancellationToken)
    {
        watchingIdle = false;
        using var cancel = cancellationToken.UnsafeRegister(static r => ((PipeReader)r!).CancelPendingRead(), reader);
        var result = await idleRead.ConfigureAwait(false);
        if (result.IsCanceled) throw new OperationCanceledException(cancellationToken);
        return result;
    }

    private APIError Refused(HttpRejection rejection, in ReadOnlySequence<byte> received)
    {
        var error = new APIError(ErrorKind.Protocol, rejection.Describe()) { Received = ReceivedBytes.Show(received) };
        reader.AdvanceTo(received.End);
        return error;
    }

    private static APIError Broken(string message, in ReadOnlySequence<byte> received) =>
        new(ErrorKind.Transport, message) { Received = ReceivedBytes.Show(received) };

    /// <summary>
    /// Closes the connection without sending anything more: what a cancelled or timed-out request
    /// left unsent is dropped, not flushed, since a peer that stopped reading would block the
    /// flush (and so the caller's cancellation) forever.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        IsReusable = false;
        timeouts.Dispose();
        if (watchingIdle)
        {
            // The reader cannot be completed under a pending read.
            watchingIdle = false;
            reader.CancelPendingRead();
            try
            {
                await idleRead.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The connection is going anyway, whatever its stream (TLS, a tunnel) failed with, and a
                // throw here would skip the rest of the close and the pool's other connections.
            }
        }
        await reader.CompleteAsync().ConfigureAwait(false);
        // Completing with an error makes the writer drop its buffers instead of writing them.
        await writer.CompleteAsync(Closed).ConfigureAwait(false);
        await stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the connection as <see cref="DisposeAsync"/> does, without waiting for anything: the
    /// stream is closed here. A read left pending by <see cref="WatchWhileIdle"/> ends with the
    /// stream, and only then is the reader completed (it cannot be under a pending read), which
    /// merely returns its buffers.
    /// </summary>
    public void Dispose()
    {
        IsReusable = false;
        timeouts.Dispose();
        // Completing with an error makes the writer drop its buffers instead of writing them.
        writer.Complete(Closed);
        if (watchingIdle)
        {
            watchingIdle = false;
            reader.CancelPendingRead();
            stream.Dispose();
            idleRead.AsTask().ContinueWith(
                static (read, state) =>
                {
                    // Observed: the stream's failure is expected, the connection is gone.
                    _ = read.Exception;
                    ((PipeReader)state!).Complete();
                },
                reader,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return;
        }
        reader.Complete();
        stream.Dispose();
    }
}
