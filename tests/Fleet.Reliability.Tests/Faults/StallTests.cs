using Fleet.Core;
using Fleet.Facade;
using Fleet.Reliability.Tests.Wire;

namespace Fleet.Reliability.Tests.Faults;

/// <summary>
/// A server that stops answering: before any byte, in the headers, in the body, or one that
/// trickles a byte at a time and never finishes. The request timeout ends each one (it bounds
/// the whole answer, not the gap between bytes), the request is not sent again, and the client
/// closes the connection rather than keep a half-read one.
/// </summary>
public sealed class StallTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);
    private static readonly byte[] Answer = FleetWire.Json(200, FleetWire.UnitJson("a.service", "never-whole", ("Service", "ExecStart", "/bin/true")));

    public static TheoryData<string> Stages() => ["before any byte", "mid-headers", "mid-body", "trickle"];

    private static RawServer Server(string stage) => new(FleetScript.WithDiscovery(async (connection, request) =>
    {
        if (FleetScript.UnitOf(request) != "a.service")
        {
            await connection.WriteAsync(FleetWire.Json(200, FleetWire.UnitJson(FleetScript.UnitOf(request), $"served-on-{connection.Id}", ("Service", "ExecStart", "/bin/true"))));
            return;
        }
        var headEnd = Answer.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        switch (stage)
        {
            case "mid-headers":
                await connection.WriteAsync(Answer.AsMemory(0, headEnd / 2));
                break;
            case "mid-body":
                await connection.WriteAsync(Answer.AsMemory(0, headEnd + 40));
                break;
            case "trickle":
                // A header that never ends, a byte every 50 ms, until the client goes.
                await connection.WriteAsync("HTTP/1.1 200 OK\r\nX-Slow: "u8.ToArray());
                while (await connection.WriteAsync("s"u8.ToArray())) await Task.Delay(50);
                break;
        }
        // The connection stays open; the next request on it would be read, but none comes.
    }));

    [Theory]
    [MemberData(nameof(Stages))]
    public async Task A_stalled_answer_times_out_and_its_connection_is_closed(string stage)
    {
        await using var server = Server(stage);
        await using var client = await Clients.ConnectAsync(server.Endpoint, Clients.Options(RequestTimeout));

        var error = (await Poll.EndsAsync(client.GetUnitAsync("a.service"), $"GET stalled {stage}")).Left();

        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal($"no complete answer to GET /fleet/v1/units/a.service from tcp 127.0.0.1:{server.Port} within 1 s", error.Message);
        Assert.Single(server.Requests, r => r.Target.EndsWith("/a.service", StringComparison.Ordinal));
        await Poll.EndsAsync(server.Connections[0].ClosedByClient, "the client closing the stalled connection");
        Assert.Equal("served-on-2", (await client.GetUnitAsync("b.service")).Right().MachineId);
    }

    [Fact]
    public async Task A_server_that_stops_reading_a_large_request_times_it_out_mid_send()
    {
        UnitOption[] large = [new("Service", "ExecStart", "/bin/true"), .. Enumerable.Range(0, 16_000).Select(i => new UnitOption("Service", "Environment", $"V{i}=" + new string('v', 500)))];
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawServer(
            FleetScript.WithDiscovery((connection, request) => release.Task),
            leaveBodyUnread: request => request.Method == "PUT",
            receiveBufferBytes: 4096);
        await using var client = await Clients.ConnectAsync(server.Endpoint, Clients.Options(RequestTimeout));

        var error = (await Poll.EndsAsync(client.CreateUnitAsync("large.service", large, DesiredState.Launched), "a PUT the server stopped reading")).Left();
        // The server reads again, and finds the connection closed behind the part it was sent.
        release.TrySetResult();

        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.StartsWith("no complete answer to PUT /fleet/v1/units/large.service", error.Message);
        await Poll.EndsAsync(server.Connections[0].ClosedByClient, "the client closing the half-sent connection");
    }

    [Fact]
    public async Task Through_the_facade_a_stall_is_a_FleetTimeoutException()
    {
        await using var server = Server("mid-body");
        await using var client = new FleetApiClient(await Clients.ConnectAsync(server.Endpoint, Clients.Options(RequestTimeout)));

        var thrown = await Assert.ThrowsAsync<FleetTimeoutException>(() => Poll.EndsAsync(client.GetUnitAsync("a.service"), "GET stalled mid-body"));

        Assert.Equal(ErrorKind.Timeout, thrown.Error.Kind);
        Assert.IsAssignableFrom<TimeoutException>(thrown);
        Assert.Equal("served-on-2", (await client.GetUnitAsync("b.service")).MachineId);
    }
}
