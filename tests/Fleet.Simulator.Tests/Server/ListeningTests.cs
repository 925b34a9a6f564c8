using System.Net;
using System.Net.Sockets;

namespace Fleet.Simulator.Tests.Server;

public sealed class ListeningTests
{
    private static readonly (string, string, string) Exec = ("Service", "ExecStart", "/bin/true");

    [Fact]
    public async Task One_cluster_answers_over_its_unix_socket_and_tcp_at_once()
    {
        using var socket = new TempSocket();
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = socket.Path, TcpEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        using var overUnix = FleetHttp.Unix(socket.Path);
        using var overTcp = FleetHttp.Tcp(server);

        Assert.Equal(HttpStatusCode.Created, (await overUnix.PutUnitAsync("both.service", "inactive", Exec)).Status);
        var (status, body) = await overTcp.GetAsync("fleet/v1/units/both.service");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("both.service", body!["name"]!.GetValue<string>());
        Assert.NotEqual(0, server.TcpEndPoint!.Port);
        Assert.Equal($"http://127.0.0.1:{server.TcpEndPoint.Port}", server.Endpoint);
    }

    [Fact]
    public async Task A_server_on_a_unix_socket_alone_names_it_as_its_endpoint()
    {
        using var socket = new TempSocket();
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = socket.Path });
        using var client = FleetHttp.Unix(socket.Path);

        Assert.Null(server.TcpEndPoint);
        Assert.Equal($"unix://{socket.Path}", server.Endpoint);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("fleet/v1/discovery")).Status);
    }

    [Fact]
    public async Task Servers_side_by_side_each_have_their_own_port_and_cluster()
    {
        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FleetServer.StartAsync()));
        try
        {
            Assert.Equal(3, servers.Select(s => s.TcpEndPoint!.Port).Distinct().Count());
            using var first = FleetHttp.Tcp(servers[0]);
            using var second = FleetHttp.Tcp(servers[1]);
            Assert.Equal(HttpStatusCode.Created, (await first.PutUnitAsync("mine.service", "inactive", Exec)).Status);

            Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync("fleet/v1/units/mine.service")).Status);
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("fleet/v1/units/mine.service")).Status);
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Disposing_removes_the_socket_file_and_closes_the_tcp_port()
    {
        using var socket = new TempSocket();
        var server = await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = socket.Path, TcpEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        var port = server.TcpEndPoint!;
        Assert.True(File.Exists(socket.Path));

        await server.DisposeAsync();

        Assert.False(File.Exists(socket.Path));
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await probe.ConnectAsync(port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task A_stale_socket_file_left_by_a_crashed_server_is_replaced()
    {
        using var socket = new TempSocket();
        StaleSocket.Leave(socket.Path);
        Assert.True(File.Exists(socket.Path));

        await using var server = await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = socket.Path });
        using var client = FleetHttp.Unix(socket.Path);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("fleet/v1/machines")).Status);
    }

    [Fact]
    public async Task A_socket_a_running_server_listens_on_is_not_taken_over()
    {
        using var socket = new TempSocket();
        await using var first = await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = socket.Path });

        var refused = await Assert.ThrowsAsync<IOException>(() => FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = socket.Path }));

        Assert.Contains(socket.Path, refused.Message, StringComparison.Ordinal);
        Assert.Contains("in use", refused.Message, StringComparison.Ordinal);
        using var client = FleetHttp.Unix(socket.Path);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("fleet/v1/machines")).Status);
    }
}
