using System.Net;
using System.Net.Sockets;
using System.Text;
using Fleet.Core;
using Fleet.Ssh.Tunnel;
using LanguageExt;

namespace Fleet.Ssh.Tests.Tunnel;

/// <summary>The loopback proxy that hands SSH.NET a channel through the tunnel host: only this process may use it, once.</summary>
public sealed class HopProxyTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_connection_without_the_password_is_refused_and_gets_no_channel()
    {
        var opened = 0;
        using var proxy = HopProxy.Start(_ =>
        {
            Interlocked.Increment(ref opened);
            return Task.FromResult<Either<APIError, Stream>>(new MemoryStream());
        });

        var withoutPassword = await ExchangeAsync(proxy.Port, "CONNECT 10.0.0.1:22 HTTP/1.0\r\n\r\n");
        var wrongPassword = await ExchangeAsync(proxy.Port, $"CONNECT 10.0.0.1:22 HTTP/1.0\r\nProxy-Authorization: {Basic(HopProxy.User, "guess")}\r\n\r\n");

        Assert.Equal("HTTP/1.0 407 Proxy Authentication Required\r\n\r\n", withoutPassword);
        Assert.Equal("HTTP/1.0 407 Proxy Authentication Required\r\n\r\n", wrongPassword);
        Assert.Equal(0, opened);
    }

    [Fact]
    public async Task The_authorised_connection_is_bridged_to_the_channel_and_then_nothing_else_is_accepted()
    {
        var (channel, far) = await SocketPairAsync();
        using var farEnd = far;
        using var proxy = HopProxy.Start(_ => Task.FromResult<Either<APIError, Stream>>(channel));
        // A stranger first: refused, and the proxy still waits for its own caller.
        await ExchangeAsync(proxy.Port, "CONNECT 10.0.0.1:22 HTTP/1.0\r\n\r\n");

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxy.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT 10.0.0.1:22 HTTP/1.0\r\nProxy-Authorization: {Basic(HopProxy.User, proxy.Password)}\r\n\r\nSSH-2.0-client\r\n"));
        var answer = await ReadAsync(stream, "HTTP/1.0 200 Connection established\r\n\r\n".Length);
        var arrived = await ReadAsync(farEnd, "SSH-2.0-client\r\n".Length);
        await farEnd.WriteAsync("SSH-2.0-server\r\n"u8.ToArray());
        var returned = await ReadAsync(stream, "SSH-2.0-server\r\n".Length);

        Assert.Equal("HTTP/1.0 200 Connection established\r\n\r\n", answer);
        Assert.Equal("SSH-2.0-client\r\n", arrived);
        Assert.Equal("SSH-2.0-server\r\n", returned);
        using var late = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(async () => await late.ConnectAsync(IPAddress.Loopback, proxy.Port));
    }

    [Fact]
    public async Task A_channel_that_does_not_open_is_a_502_and_the_reason_is_kept()
    {
        var refused = new APIError(ErrorKind.Ssh, "ssh 10.0.0.9:22: channel open: administratively prohibited");
        using var proxy = HopProxy.Start(_ => Task.FromResult<Either<APIError, Stream>>(refused));

        var answer = await ExchangeAsync(proxy.Port, $"CONNECT 10.0.0.1:22 HTTP/1.0\r\nProxy-Authorization: {Basic(HopProxy.User, proxy.Password)}\r\n\r\n");

        Assert.Equal("HTTP/1.0 502 Bad Gateway\r\n\r\n", answer);
        Assert.Equal(refused, proxy.Failure);
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{user}:{password}"));

    // Sends a request head and reads the answer until the proxy closes the connection.
    private static async Task<string> ExchangeAsync(int port, string head)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token);
        return Encoding.ASCII.GetString(answer.ToArray());
    }

    private static async Task<string> ReadAsync(Stream stream, int count)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer);
    }

    private static async Task<(Stream Near, Stream Far)> SocketPairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var near = new TcpClient();
        await near.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var far = await listener.AcceptTcpClientAsync();
        return (near.GetStream(), far.GetStream());
    }
}
