using System.Buffers.Binary;
using System.Net.Sockets;

namespace Fleet.Ssh.Tests.Agent;

/// <summary>
/// A unix socket that plays a misbehaving ssh-agent: it accepts one connection, reads one
/// request frame, sends scripted bytes, then closes or keeps the connection open and silent.
/// </summary>
internal sealed class FakeAgent : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fleet-fake-agent-").FullName;
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    /// <param name="answer">Bytes sent once the request is read.</param>
    /// <param name="close">Close after the answer; otherwise stay silent until disposed.</param>
    public FakeAgent(byte[] answer, bool close)
    {
        SocketPath = Path.Combine(folder, "agent.sock");
        listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        listener.Listen(1);
        serving = ServeAsync(answer, close);
    }

    public string SocketPath { get; }

    private async Task ServeAsync(byte[] answer, bool close)
    {
        try
        {
            using var connection = await listener.AcceptAsync(stop.Token);
            var header = new byte[4];
            await ReadExactlyAsync(connection, header);
            await ReadExactlyAsync(connection, new byte[BinaryPrimitives.ReadInt32BigEndian(header)]);
            await connection.SendAsync(answer, stop.Token);
            if (!close) await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
            // The client gave up first.
        }
    }

    private async Task ReadExactlyAsync(Socket connection, byte[] buffer)
    {
        for (var got = 0; got < buffer.Length;)
        {
            var n = await connection.ReceiveAsync(buffer.AsMemory(got), stop.Token);
            if (n == 0) throw new OperationCanceledException("the client closed");
            got += n;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await serving;
        listener.Dispose();
        stop.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
