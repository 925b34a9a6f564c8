using System.Net;
using System.Net.Sockets;
using Fleet.Core;
using Fleet.Simulator;

namespace Fleet.Transport.Tests.Api;

public sealed class ConnectTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Connects_to_fleet_over_a_unix_socket_and_tcp(bool unix)
    {
        await using var scope = await ClientScope.StartAsync(unix);

        Assert.Equal(unix ? EndpointKind.UnixSocket : EndpointKind.Http, scope.Client.Endpoint.Kind);
        Assert.Equal(3, (await scope.Client.ListMachinesAsync()).Right().Count);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_parse_is_a_validation_error()
    {
        var error = (await FleetClient.ConnectAsync("var/run/fleet.sock")).Left();

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("URL scheme undefined", error.Message);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_a_transport_error()
    {
        var directory = Directory.CreateTempSubdirectory("fleet-").FullName;
        try
        {
            var error = (await FleetClient.ConnectAsync($"unix://{directory}/fleet.sock")).Left();

            Assert.Equal(ErrorKind.Transport, error.Kind);
            Assert.Contains($"{directory}/fleet.sock", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_closed_tcp_port_is_a_transport_error()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var error = (await FleetClient.ConnectAsync($"http://127.0.0.1:{port}")).Left();

        Assert.Equal(ErrorKind.Transport, error.Kind);
    }

    [Fact]
    public async Task Fleet_that_has_not_reached_etcd_is_its_503()
    {
        await using var server = await FleetServer.StartAsync();
        server.Faults.EtcdUnreachable = true;

        var error = (await FleetClient.ConnectAsync(server.Endpoint)).Left();

        Assert.Equal((ErrorKind.Http, 503), (error.Kind, error.Code));
        Assert.Equal("fleet server unable to communicate with etcd", error.Message);
    }

    [Theory]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot here\n", "answered 404")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 15\r\n\r\n<html>hi</html>", "answered something other than JSON")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"id\":\"compute:v1\"}\n", "has id \"compute:v1\", not \"fleet:v1\"")]
    public async Task A_server_that_is_not_fleet_is_told_apart(string answer, string why)
    {
        await using var server = new ScriptedServer([ScriptedServer.Bytes(answer)]);

        var error = (await FleetClient.ConnectAsync($"http://127.0.0.1:{server.Port}")).Left();

        Assert.Equal(ErrorKind.NotFleet, error.Kind);
        Assert.Contains("is not fleet's v1 API", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Equal("GET /fleet/v1/discovery", server.Requests.Single().Split(" HTTP/")[0]);
    }

    [Fact]
    public async Task A_path_prefix_in_the_endpoint_goes_before_fleet_v1()
    {
        var discovery = "{\"id\":\"fleet:v1\"}";
        await using var server = new ScriptedServer([ScriptedServer.Bytes($"HTTP/1.1 200 OK\r\nContent-Length: {discovery.Length}\r\n\r\n{discovery}")]);

        await using var client = (await FleetClient.ConnectAsync($"http://127.0.0.1:{server.Port}/behind/proxy")).Right();

        Assert.StartsWith("GET /behind/proxy/fleet/v1/discovery HTTP/1.1", server.Requests.Single(), StringComparison.Ordinal);
    }
}
