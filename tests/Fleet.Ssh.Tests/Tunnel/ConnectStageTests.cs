using System.Net;
using System.Net.Sockets;
using System.Text;
using Fleet.Core;

namespace Fleet.Ssh.Tests.Tunnel;

/// <summary>SSH servers that fail before a session exists, each named by its stage.</summary>
public sealed class ConnectStageTests(SshTunnelFixture fixture) : IClassFixture<SshTunnelFixture>
{
    [Fact]
    public async Task Nothing_listening_is_a_connect_error()
    {
        var port = ClosedPort();

        var error = (await fixture.TryConnectAsync(Channel.DirectTcpip, fixture.Options with { Tunnel = $"127.0.0.1:{port}" })).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh 127.0.0.1:{port}: connect: ", error.Message);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_server_that_never_speaks_is_a_timeout_at_the_ssh_deadline()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var error = (await fixture.TryConnectAsync(Channel.Exec, fixture.Options with { Tunnel = $"127.0.0.1:{port}", ConnectTimeout = TimeSpan.FromMilliseconds(600) })).Left();

        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal($"ssh 127.0.0.1:{port}: connect: no SSH session within 0.6 s", error.Message);
    }

    [Fact]
    public async Task A_server_that_is_not_ssh_fails_the_key_exchange()
    {
        using var http = new TcpListener(IPAddress.Loopback, 0);
        http.Start();
        var port = ((IPEndPoint)http.LocalEndpoint).Port;
        var answering = Task.Run(async () =>
        {
            using var socket = await http.AcceptSocketAsync();
            await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"));
            socket.Shutdown(SocketShutdown.Send);
            await socket.ReceiveAsync(new byte[4096]);
        });

        var error = (await fixture.TryConnectAsync(Channel.DirectTcpip, fixture.Options with { Tunnel = $"127.0.0.1:{port}" })).Left();
        await answering;

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh 127.0.0.1:{port}: key exchange: ", error.Message);
    }

    [Fact]
    public async Task A_tunnel_that_is_not_host_and_port_is_refused_before_connecting()
    {
        var error = (await fixture.TryConnectAsync(Channel.Exec, fixture.Options with { Tunnel = "::1" })).Left();

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains("in brackets", error.Message);
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
