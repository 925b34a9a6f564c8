using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fleet.Transport.Tests;

/// <summary>
/// A raw TCP server on loopback that answers each request with scripted bytes, for the faults a
/// real HTTP server will not produce. It reads each request's head (and Content-Length body)
/// before answering, and records what it received.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Task serving;
    private readonly CancellationTokenSource stop = new();

    /// <param name="answers">For each request on the connection, the bytes to send; null closes without answering.</param>
    /// <param name="closeAfter">Close the connection after the last answer.</param>
    public ScriptedServer(IReadOnlyList<byte[]?> answers, bool closeAfter = true)
        : this([answers], closeAfter)
    {
    }

    /// <param name="connections">For each connection accepted in turn, its answers.</param>
    /// <param name="closeAfter">Close each connection after its last answer.</param>
    public ScriptedServer(IReadOnlyList<IReadOnlyList<byte[]?>> connections, bool closeAfter = true)
    {
        listener.Start();
        serving = Task.WhenAll(ServeAllAsync(connections, closeAfter));
    }

    public int Accepted { get; private set; }

    private async Task ServeAllAsync(IReadOnlyList<IReadOnlyList<byte[]?>> connections, bool closeAfter)
    {
        foreach (var answers in connections)
        {
            if (stop.IsCancellationRequested) return;
            await ServeAsync(answers, closeAfter);
        }
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public List<string> Requests { get; } = [];

    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    private async Task ServeAsync(IReadOnlyList<byte[]?> answers, bool closeAfter)
    {
        try
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            Accepted++;
            var stream = client.GetStream();
            var pending = new List<byte>();
            foreach (var answer in answers)
            {
                Requests.Add(await ReadRequestAsync(stream, pending));
                if (answer is null) break;
                await stream.WriteAsync(answer, stop.Token);
            }
            if (!closeAfter) await Task.Delay(Timeout.Infinite, stop.Token);
        }
        // Disposal stops the listener, possibly while the next connection is being awaited.
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }

    private async Task<string> ReadRequestAsync(NetworkStream stream, List<byte> pending)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.Latin1.GetString([.. pending]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var length = 0;
                foreach (var line in text[..end].Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
                if (pending.Count >= end + 4 + length)
                {
                    pending.RemoveRange(0, end + 4 + length);
                    return text[..(end + 4 + length)];
                }
            }
            var read = await stream.ReadAsync(buffer, stop.Token);
            if (read == 0) throw new IOException("client closed");
            pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await serving;
        stop.Dispose();
    }
}
