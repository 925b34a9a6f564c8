using System.Net.Sockets;

namespace Fleet.Cli.Forwarding;

/// <summary>
/// Carries a byte stream both ways between a pair of streams (standard input and output) and a
/// connected socket. When the input ends, the socket's send side is shut down and the answer keeps
/// coming out, so a peer that reads a whole request before replying still replies; when the socket
/// ends, forwarding is over.
/// </summary>
internal static class SocketForwarder
{
    // Bounded: a fast side waits for the slow one instead of buffering without limit.
    private const int BufferSize = 16 * 1024;

    /// <summary>Forwards until the socket ends, or until either direction fails.</summary>
    /// <param name="input">What is sent to the socket.</param>
    /// <param name="output">Where what the socket sends goes.</param>
    /// <param name="socket">The connected socket.</param>
    /// <param name="cancellationToken">Stops forwarding.</param>
    /// <returns>A task that completes when the socket has ended; it faults with the first copy error.</returns>
    public static async Task ForwardAsync(Stream input, Stream output, Socket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(socket);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var send = SendAsync(input, socket, stop.Token);
        var receive = ReceiveAsync(socket, output, stop.Token);
        var first = await Task.WhenAny(send, receive).ConfigureAwait(false);
        if (first == send && send.IsCompletedSuccessfully)
        {
            // The input ended cleanly: the answer may still be on its way.
            await receive.ConfigureAwait(false);
            return;
        }
        // The socket ended or a direction failed: the other direction has nothing more to do. A
        // read of standard input may not notice the token, so it is left behind rather than awaited.
        await stop.CancelAsync().ConfigureAwait(false);
        await first.ConfigureAwait(false);
        if (first == send) return;
        _ = send.ContinueWith(static task => task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private static async Task SendAsync(Stream input, Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var sent = 0;
            while (sent < read) sent += await socket.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        // Half-close: the peer sees the end of the request while its answer can still come back.
        socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task ReceiveAsync(Socket socket, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        int received;
        while ((received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, received), cancellationToken).ConfigureAwait(false);
            // Whoever reads the other end waits for these bytes; a pipe holds nothing back by itself, but a buffered stream would.
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
