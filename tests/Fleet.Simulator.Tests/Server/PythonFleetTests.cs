using System.Text;
using System.Text.Json.Nodes;

namespace Fleet.Simulator.Tests.Server;

/// <summary>
/// The requests python-fleet's googleapiclient writes, byte for byte: <c>?alt=json</c> on GETs,
/// a bare <c>?</c> on PUT and DELETE, <c>@</c> percent-encoded in paths, and no <c>name</c> in
/// PUT bodies. Its Host is what its endpoint names: <c>127.0.0.1:PORT</c> (or an IPv6 literal)
/// over TCP, and over a unix socket the socket's path percent-encoded, as in its documented
/// <c>http+unix://%2Fvar%2Frun%2Ffleet.sock</c>.
/// </summary>
public sealed class PythonFleetTests
{
    private const string Accept = "accept: application/json\r\naccept-encoding: gzip, deflate\r\nuser-agent: (gzip)\r\n";

    public enum Reach { UnixSocket, Tcp, TcpIPv6Literal }

    [Theory]
    [InlineData(Reach.UnixSocket)]
    [InlineData(Reach.Tcp)]
    [InlineData(Reach.TcpIPv6Literal)]
    public async Task Python_fleets_requests_create_read_list_and_destroy_a_template_instance(Reach reach)
    {
        using var socket = new TempSocket();
        await using var server = await FleetServer.StartAsync(new FleetServerOptions
        {
            AgentDelay = TimeSpan.Zero,
            UnixSocketPath = reach == Reach.UnixSocket ? socket.Path : null,
        });
        var host = reach switch
        {
            Reach.UnixSocket => Uri.EscapeDataString(socket.Path),
            Reach.Tcp => $"127.0.0.1:{server.TcpEndPoint!.Port}",
            _ => $"[::1]:{server.TcpEndPoint!.Port}",
        };
        var Headers = $"Host: {host}\r\n{Accept}";
        var body = FleetHttp.UnitJson(name: null, "launched", ("Service", "ExecStart", "/bin/sleep 1d"));

        var discovery = await SendAsync(server, $"GET /fleet/v1/discovery?alt=json HTTP/1.1\r\n{Headers}\r\n");
        var put = await SendAsync(server, $"PUT /fleet/v1/units/web%40blue.service? HTTP/1.1\r\n{Headers}content-type: application/json\r\ncontent-length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
        var get = await SendAsync(server, $"GET /fleet/v1/units/web%40blue.service?alt=json HTTP/1.1\r\n{Headers}\r\n");
        var list = await SendAsync(server, $"GET /fleet/v1/units?alt=json HTTP/1.1\r\n{Headers}\r\n");
        var states = await SendAsync(server, $"GET /fleet/v1/state?unitName=web%40blue.service&alt=json HTTP/1.1\r\n{Headers}\r\n");
        var delete = await SendAsync(server, $"DELETE /fleet/v1/units/web%40blue.service? HTTP/1.1\r\n{Headers}\r\n");
        var gone = await SendAsync(server, $"GET /fleet/v1/units/web%40blue.service?alt=json HTTP/1.1\r\n{Headers}\r\n");

        Assert.Equal("HTTP/1.1 200 OK", discovery.StatusLine);
        Assert.Equal("fleet:v1", JsonNode.Parse(discovery.Body)!["id"]!.GetValue<string>());
        Assert.Equal("HTTP/1.1 201 Created", put.StatusLine);
        Assert.Equal("HTTP/1.1 200 OK", get.StatusLine);
        Assert.Equal("web@blue.service", JsonNode.Parse(get.Body)!["name"]!.GetValue<string>());
        Assert.Equal("launched", JsonNode.Parse(get.Body)!["currentState"]!.GetValue<string>());
        Assert.Equal(["web@blue.service"], JsonNode.Parse(list.Body)!["units"]!.AsArray().Select(u => u!["name"]!.GetValue<string>()));
        Assert.Equal("running", Assert.Single(JsonNode.Parse(states.Body)!["states"]!.AsArray())!["systemdSubState"]!.GetValue<string>());
        Assert.Equal("HTTP/1.1 204 No Content", delete.StatusLine);
        Assert.Equal("HTTP/1.1 404 Not Found", gone.StatusLine);
    }

    [Fact]
    public async Task An_http_1_0_request_with_an_empty_host_is_answered()
    {
        await using var server = await FleetServer.StartAsync();

        var (statusLine, body) = await SendAsync(server, $"GET /fleet/v1/units?alt=json HTTP/1.0\r\nHost: \r\n{Accept}\r\n");

        Assert.Equal("HTTP/1.0 200 OK", statusLine);
        Assert.Equal("{}", body);
    }

    [Fact]
    public async Task An_http_1_1_request_without_a_host_gets_gos_answer_and_the_connection_closes()
    {
        await using var server = await FleetServer.StartAsync();

        var answer = await RawHttp.ExchangeAsync(server.TcpEndPoint!, $"GET /fleet/v1/units?alt=json HTTP/1.1\r\n{Accept}\r\n");

        Assert.Equal(
            "HTTP/1.1 400 Bad Request: missing required Host header\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request: missing required Host header",
            Encoding.UTF8.GetString(answer));
    }

    private static async Task<(string StatusLine, string Body)> SendAsync(FleetServer server, string request) =>
        RawHttp.Split(server.TcpEndPoint is { } tcp
            ? await RawHttp.ExchangeAsync(tcp, request)
            : await RawHttp.ExchangeAsync(server.UnixSocketPath!, Encoding.UTF8.GetBytes(request)));
}
