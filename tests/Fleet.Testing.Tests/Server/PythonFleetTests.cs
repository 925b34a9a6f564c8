using System.Text;
using System.Text.Json.Nodes;

namespace Fleet.Testing.Tests.Server;

/// <summary>
/// The requests python-fleet's googleapiclient writes, byte for byte: <c>?alt=json</c> on GETs,
/// a bare <c>?</c> on PUT and DELETE, <c>@</c> percent-encoded in paths, and no <c>name</c> in
/// PUT bodies.
/// </summary>
public sealed class PythonFleetTests
{
    private const string Headers = "Host: 127.0.0.1\r\naccept: application/json\r\naccept-encoding: gzip, deflate\r\nuser-agent: (gzip)\r\n";

    [Fact]
    public async Task Python_fleets_requests_create_read_list_and_destroy_a_template_instance()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
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

    private static async Task<(string StatusLine, string Body)> SendAsync(FleetServer server, string request) =>
        RawHttp.Split(await RawHttp.ExchangeAsync(server.TcpEndPoint!, request));
}
