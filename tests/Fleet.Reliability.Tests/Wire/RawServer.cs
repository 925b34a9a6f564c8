using System.Net;
using System.Net.Sockets;

namespace Fleet.Reliability.Tests.Wire;

/// <summary>
/// A loopback TCP server with no HTTP stack: it reads each request's bytes (head, then as many
/// body bytes as its Content-Length says) and hands them to a script that answers with whatever
/// bytes it likes and ends the connection however it likes. Everything that arrives is recorded,
/// byte for byte, so tests can see exactly what the client put on the wire.
/// </summary>
internal sealed class RawServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 1024 * 1024;

    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Func<RawConnection, RawRequest, Task> answer;
    private readonly Func<RawRequest, bool>? leaveBodyUnread;
    private readonly CancellationTokenSource stop = new();
    private readonly List<RawRequest> requests = [];
    private readonly List<RawConnection> connections = [];
    private readonly List<Task> serving = [];
    private readonly Task accepting;

    /// <param name="answer">Called for each request, in order per connection; the next request is read once it returns, unless it ended the connection.</param>
    /// <param name="leaveBodyUnread">
    /// For requests it picks, the body is left unread: the script is called with the head alone,
    /// and the connection is read again (and drained to its end) only once the script returns.
    /// </param>
    /// <param name="receiveBufferBytes">A small receive buffer makes a client's large request block mid-send.</param>
    public RawServer(Func<RawConnection, RawRequest, Task> answer, Func<RawRequest, bool>? leaveBodyUnread = null, int? receiveBufferBytes = null)
    {
        this.answer = answer;
        this.leaveBodyUnread = leaveBodyUnread;
        if (receiveBufferBytes is { } size) listener.ReceiveBufferSize = size;
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        accepting = AcceptAllAsync();
    }

    /// <summary>The port it listens on, on 127.0.0.1.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndPoint!).Port;

    /// <summary>The endpoint a fleet client is given.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RawRequest> Requests
    {
        get
        {
            lock (requests) return [.. requests];
        }
    }

    /// <summary>Every connection accepted so far, in accepting order (connection n is at index n - 1).</summary>
    public IReadOnlyList<RawConnection> Connections
    {
        get
        {
            lock (connections) return [.. connections];
        }
    }

    /// <summary>Cancelled when the server is disposed, for scripts that wait.</summary>
    public CancellationToken Stopping => stop.Token;

    /// <summary>The requests whose request line starts with the method.</summary>
    public int Count(string method) => Requests.Count(r => r.Method == method);

    private async Task AcceptAllAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            socket.NoDelay = true;
            RawConnection connection;
            lock (connections)
            {
                connection = new RawConnection(connections.Count + 1, socket);
                connections.Add(connection);
                serving.Add(ServeAsync(connection, socket));
            }
        }
    }

    private async Task ServeAsync(RawConnection connection, Socket socket)
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                int headEnd;
                while ((headEnd = HeadEnd(buffer.AsSpan(0, filled))) < 0)
                {
                    if (!await ReceiveAsync()) return;
                }
                var request = new RawRequest(connection.Id, buffer[..headEnd], []);
                if (leaveBodyUnread?.Invoke(request) == true)
                {
                    Record(request);
                    await answer(connection, request);
                    // Drain what is left until the client goes.
                    filled = 0;
                    while (await ReceiveAsync()) filled = 0;
                    return;
                }
                var end = headEnd + request.ContentLength;
                while (filled < end)
                {
                    if (!await ReceiveAsync()) return;
                }
                request = request with { Body = buffer[headEnd..end] };
                Buffer.BlockCopy(buffer, end, buffer, 0, filled - end);
                filled -= end;
                Record(request);
                await answer(connection, request);
                if (connection.EndedByServer) return;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (!connection.EndedByServer) connection.MarkClosedByClient();
        }
        finally
        {
            if (!connection.EndedByServer) connection.Close();
        }

        // False when the client closed its end.
        async Task<bool> ReceiveAsync()
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxHeadBytes * 64) throw new InvalidOperationException("a request larger than the raw server takes");
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, stop.Token);
            if (read == 0)
            {
                connection.MarkClosedByClient();
                return false;
            }
            filled += read;
            if (filled > MaxHeadBytes && HeadEnd(buffer.AsSpan(0, filled)) < 0) throw new InvalidOperationException("a request head larger than 1 MiB");
            return true;
        }
    }

    private void Record(RawRequest request)
    {
        lock (requests) requests.Add(request);
    }

    // The index just past the empty line that ends the head, or -1.
    private static int HeadEnd(ReadOnlySpan<byte> received)
    {
        var at = received.IndexOf("\r\n\r\n"u8);
        return at < 0 ? -1 : at + 4;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        await accepting;
        foreach (var connection in Connections) connection.Close();
        Task[] all;
        lock (connections) all = [.. serving];
        // A script still waiting on something the test never gave it would hang here: say so instead.
        await Task.WhenAll(all).WaitAsync(Poll.Deadline);
        stop.Dispose();
    }
}
