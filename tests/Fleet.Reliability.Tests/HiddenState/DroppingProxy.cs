using System.Net;
using System.Net.Sockets;

namespace Fleet.Reliability.Tests.HiddenState;

/// <summary>What the proxy does with one request.</summary>
public enum ProxyAction
{
    /// <summary>Passes it on and passes the answer back.</summary>
    Forward,

    /// <summary>Closes the client's connection before the request reaches fleet.</summary>
    DropBeforeFleet,

    /// <summary>Passes it on, waits until fleet has answered (so fleet has acted on it), then closes the client's connection without a byte of the answer.</summary>
    DropAfterFleet,

    /// <summary>Passes it on, passes the whole answer back, then closes the client's connection.</summary>
    CloseAfterAnswer,
}

/// <summary>
/// A TCP proxy in front of a real fleet (FleetServer) that decides, request by request, whether
/// the connection drops before fleet sees the request or after fleet has acted on it: the
/// dropped connections that leave a client unsure what happened. It counts what it passes on.
/// </summary>
internal sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint fleet;
    private readonly Func<string, string, ProxyAction> decide;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> serving = [];
    private readonly List<string> forwarded = [];
    private readonly Task accepting;

    /// <param name="fleet">Where fleet listens.</param>
    /// <param name="decide">Given a request's method and target, what to do with it.</param>
    public DroppingProxy(IPEndPoint fleet, Func<string, string, ProxyAction> decide)
    {
        this.fleet = fleet;
        this.decide = decide;
        listener.Start();
        accepting = AcceptAllAsync();
    }

    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>The request lines that reached fleet, in order.</summary>
    public IReadOnlyList<string> Forwarded
    {
        get
        {
            lock (forwarded) return [.. forwarded];
        }
    }

    private async Task AcceptAllAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var client = await listener.AcceptSocketAsync(stop.Token);
                lock (serving) serving.Add(RelayAsync(client));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var clientSocket = client;
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await upstream.ConnectAsync(fleet, stop.Token);
            var pending = new List<byte>();
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var request = await ReadRequestAsync(client, pending, buffer);
                if (request is null) return;
                var line = System.Text.Encoding.Latin1.GetString(request[..Array.IndexOf(request, (byte)'\r')]);
                var words = line.Split(' ');
                var action = decide(words[0], words[1]);
                if (action == ProxyAction.DropBeforeFleet) return;
                lock (forwarded) forwarded.Add(line);
                await upstream.SendAsync(request, SocketFlags.None, stop.Token);
                // FleetServer answers one request at a time on a connection, so the answer is
                // whatever arrives before the connection is quiet: read it whole by its framing.
                var answer = await ReadAnswerAsync(upstream, buffer);
                if (action == ProxyAction.DropAfterFleet) return;
                await client.SendAsync(answer, SocketFlags.None, stop.Token);
                if (action == ProxyAction.CloseAfterAnswer) return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            client.Shutdown(SocketShutdown.Both);
        }
    }

    // A request's head and Content-Length body, or null when the client closed.
    private async Task<byte[]?> ReadRequestAsync(Socket client, List<byte> pending, byte[] buffer)
    {
        while (true)
        {
            var bytes = pending.ToArray();
            var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = System.Text.Encoding.Latin1.GetString(bytes, 0, end);
                var length = head.Split("\r\n").Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Select(h => int.Parse(h[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                if (bytes.Length >= end + 4 + length)
                {
                    pending.RemoveRange(0, end + 4 + length);
                    return bytes[..(end + 4 + length)];
                }
            }
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
            if (read == 0) return null;
            pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    // fleet's answers have a Content-Length, none (204), or are chunked: read to their end.
    private async Task<byte[]> ReadAnswerAsync(Socket upstream, byte[] buffer)
    {
        var answer = new List<byte>();
        while (true)
        {
            var read = await upstream.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
            if (read == 0) return [.. answer];
            answer.AddRange(buffer.AsSpan(0, read));
            var bytes = answer.ToArray();
            var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
            if (end < 0) continue;
            var head = System.Text.Encoding.Latin1.GetString(bytes, 0, end);
            if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            {
                if (bytes.AsSpan(end + 4).EndsWith("0\r\n\r\n"u8)) return bytes;
                continue;
            }
            var length = head.Split("\r\n").Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Select(h => int.Parse(h[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            if (bytes.Length >= end + 4 + length) return bytes;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        Task[] all;
        lock (serving) all = [.. serving];
        await Task.WhenAll(all).WaitAsync(Wire.Poll.Deadline);
        stop.Dispose();
    }
}
