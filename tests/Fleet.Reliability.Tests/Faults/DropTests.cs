using Fleet.Core;
using Fleet.Facade;
using Fleet.Reliability.Tests.Wire;

namespace Fleet.Reliability.Tests.Faults;

/// <summary>
/// A server that drops the connection part-way through its answer, in the headers or in the
/// body, closing it (FIN) or resetting it (RST): the request ends in a clear error, is not sent
/// again (an answer had begun), and the connection is never used again.
/// </summary>
public sealed class DropTests
{
    private static readonly byte[] Answer = FleetWire.Json(200, FleetWire.UnitJson("a.service", "never-whole", ("Service", "ExecStart", "/bin/true")));

    public static TheoryData<string, bool> Drops() => new()
    {
        { "headers", false },
        { "headers", true },
        { "body", false },
        { "body", true },
    };

    private static RawServer Server(string stage, bool reset) => new(FleetScript.WithDiscovery(async (connection, request) =>
    {
        if (FleetScript.UnitOf(request) != "a.service")
        {
            await connection.WriteAsync(FleetWire.Json(200, FleetWire.UnitJson(FleetScript.UnitOf(request), $"served-on-{connection.Id}", ("Service", "ExecStart", "/bin/true"))));
            return;
        }
        var headEnd = Answer.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        await connection.WriteAsync(Answer.AsMemory(0, stage == "headers" ? headEnd / 2 : headEnd + 40));
        if (reset) connection.Reset();
        else connection.Close();
    }));

    private static void IsClear(APIError error, bool reset)
    {
        // A close leaves what arrived to be judged incomplete; a reset may break the read first.
        if (reset && error.Kind == ErrorKind.Transport)
        {
            Assert.StartsWith("the connection broke: ", error.Message);
            return;
        }
        Assert.Equal(ErrorKind.Protocol, error.Kind);
        Assert.Equal("the connection closed before the response was complete", error.Message);
        Assert.StartsWith("HTTP/1.1 200 OK\\r\\n", error.Received);
    }

    [Theory]
    [MemberData(nameof(Drops))]
    public async Task A_connection_dropped_mid_answer_is_a_clear_error_and_never_used_again(string stage, bool reset)
    {
        await using var server = Server(stage, reset);
        await using var client = await Clients.ConnectAsync(server.Endpoint);

        var error = (await Poll.EndsAsync(client.GetUnitAsync("a.service"), "GET of the dropped answer")).Left();
        var next = (await Poll.EndsAsync(client.GetUnitAsync("b.service"), "the next GET")).Right();

        IsClear(error, reset);
        Assert.Single(server.Requests, r => r.Target.EndsWith("/a.service", StringComparison.Ordinal));
        Assert.Equal("served-on-2", next.MachineId);
        await Poll.UntilAsync(() => OwnSockets.ConnectedTo(server.Port) == 1, "the dropped connection's socket closed");
    }

    [Theory]
    [MemberData(nameof(Drops))]
    public async Task Through_the_facade_the_drop_is_an_exception_that_carries_the_same_error(string stage, bool reset)
    {
        await using var server = Server(stage, reset);
        await using var client = new FleetApiClient(await Clients.ConnectAsync(server.Endpoint));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => Poll.EndsAsync(client.GetUnitAsync("a.service"), "GET of the dropped answer"));
        var next = await Poll.EndsAsync(client.GetUnitAsync("b.service"), "the next GET");

        var error = Assert.IsAssignableFrom<IFleetError>(thrown).Error;
        IsClear(error, reset);
        Assert.IsType(error.Kind == ErrorKind.Protocol ? typeof(FleetProtocolException) : typeof(FleetConnectionException), thrown);
        Assert.Equal(error.Message, thrown.Message);
        Assert.Equal("served-on-2", next.MachineId);
    }
}
