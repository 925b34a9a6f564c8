using System.Net.Sockets;

namespace Fleet.Reliability.Tests.Wire;

/// <summary>
/// The server's end of one connection of a <see cref="RawServer"/>: what a script writes, and how
/// it ends the connection (an orderly close, a half-close that keeps reading, or a reset).
/// </summary>
internal sealed class RawConnection(int id, Socket socket)
{
    private readonly TaskCompletionSource closedByClient = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int ended;

    /// <summary>The connection's number, from 1 in accepting order.</summary>
    public int Id { get; } = id;

    /// <summary>The client's port: its end of the connection in /proc/net/tcp.</summary>
    public int ClientPort { get; } = ((System.Net.IPEndPoint)socket.RemoteEndPoint!).Port;

    /// <summary>Whether the script ended the connection from the server's side.</summary>
    public bool EndedByServer => Volatile.Read(ref ended) != 0;

    /// <summary>Completes when the client closes its end (the server reads the end of the stream, or a reset).</summary>
    public Task ClosedByClient => closedByClient.Task;

    /// <summary>Sends bytes; false when the client has gone away (the server shrugs, as a real one would).</summary>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
                bytes = bytes[sent..];
            }
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends the end of the stream (FIN) but keeps reading: a half-close.</summary>
    public void HalfClose()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Closes the connection in order (FIN).</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref ended, 1) != 0) return;
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    /// <summary>Drops the connection with a reset (RST), as a crashed server or a firewall does.</summary>
    public void Reset()
    {
        if (Interlocked.Exchange(ref ended, 1) != 0) return;
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    internal void MarkClosedByClient() => closedByClient.TrySetResult();
}
