using System.Net.Sockets;

namespace Fleet.Benchmarks;

/// <summary>
/// A unix-socket server that answers every request with the same bytes (fleet's answer to a
/// GET of one unit), allocating nothing per request, so the benchmark process's allocation
/// count is the clients'. Requests are GETs without a body: each "\r\n\r\n" ends one.
/// </summary>
internal sealed class CannedFleetServer : IDisposable
{
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly string directory = Directory.CreateTempSubdirectory("fleet-bench-").FullName;
    private readonly CancellationTokenSource stop = new();
    private readonly byte[] response;

    public CannedFleetServer(byte[] response)
    {
        this.response = response;
        SocketPath = Path.Combine(directory, "fleet.sock");
        listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        listener.Listen(64);
        _ = AcceptAsync();
    }

    public string SocketPath { get; }

    private async Task AcceptAsync()
    {
        try
        {
            while (true) _ = ServeAsync(await listener.AcceptAsync(stop.Token));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[4096];
            var matched = 0;
            try
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    if (read == 0) return;
                    for (var i = 0; i < read; i++)
                    {
                        // Track "\r\n\r\n" across reads.
                        var b = buffer[i];
                        matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
                        if (matched == 4)
                        {
                            matched = 0;
                            await socket.SendAsync(response, SocketFlags.None, stop.Token);
                        }
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
