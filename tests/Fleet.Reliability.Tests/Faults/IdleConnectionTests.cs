using Fleet.Core;
using Fleet.Reliability.Tests.Wire;
using LanguageExt;

namespace Fleet.Reliability.Tests.Faults;

/// <summary>
/// What a server does to keep-alive connections while the client is not using them: closes
/// them (as fleet's proxies and restarts do), or sends bytes nobody asked for. The next request
/// must still get its own, right answer, whatever its method.
/// </summary>
public sealed class IdleConnectionTests
{
    private const string MachineId = "222f532fc7580e18ebfca1f8614c8086";

    public static TheoryData<string> Methods() => ["GET", "PUT", "DELETE", "PATCH"];

    // One operation per method, each of which fleet answers in its own way.
    private static Task<Either<APIError, string>> SendAsync(FleetClient client, string method) => method switch
    {
        "GET" => Map(client.GetUnitAsync("a.service"), unit => unit.MachineId ?? ""),
        "PUT" => Map(client.SetDesiredStateAsync("a.service", DesiredState.Loaded), _ => "done"),
        "DELETE" => Map(client.DestroyUnitAsync("a.service"), _ => "done"),
        _ => Map(client.EditMachineMetadataAsync([MetadataEdit.Add(MachineId, "role", "web")]), _ => "done"),
    };

    private static async Task<Either<APIError, string>> Map<T>(Task<Either<APIError, T>> sent, Func<T, string> map) => (await sent).Map(map);

    private static byte[] AnswerTo(RawRequest request) => request.Method switch
    {
        "GET" => FleetWire.Json(200, FleetWire.UnitJson("a.service", $"served-on-{request.Connection}", ("Service", "ExecStart", "/bin/true"))),
        _ => FleetWire.NoContent(),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_connection_the_server_closed_while_idle_is_never_used_again(string method)
    {
        await using var server = new RawServer(FleetScript.WithDiscovery((connection, request) => connection.WriteAsync(AnswerTo(request))));
        await using var client = await Clients.ConnectAsync(server.Endpoint);
        var idle = Assert.Single(server.Connections);

        idle.Close();
        // The client's kernel has the server's FIN: from here on the connection is known dead.
        await Poll.UntilSettledAsync(() => TcpTable.ClientEnd(idle.ClientPort, server.Port)?.State is TcpSocketState.CloseWait or null, "the client's end sees the close");
        var answer = await Poll.EndsAsync(SendAsync(client, method), method);

        Assert.Equal(method == "GET" ? "served-on-2" : "done", answer.Right());
        // Sent once, on a new connection: never into a closed one the pool has seen, so even a PATCH goes through.
        var sent = Assert.Single(server.Requests, r => r.Method == method && !r.Target.EndsWith("/discovery", StringComparison.Ordinal));
        Assert.Equal(2, sent.Connection);
    }

    [Fact]
    public async Task Bytes_that_arrive_on_an_idle_connection_are_never_read_as_the_next_answer()
    {
        await using var server = new RawServer(FleetScript.WithDiscovery((connection, request) => connection.WriteAsync(AnswerTo(request))));
        await using var client = await Clients.ConnectAsync(server.Endpoint);
        Assert.Equal("served-on-1", (await client.GetUnitAsync("a.service")).Right().MachineId);
        var idle = Assert.Single(server.Connections);

        // A whole, valid answer nobody asked for: a server out of step with its client.
        await idle.WriteAsync(FleetWire.Json(200, FleetWire.UnitJson("a.service", "stale", ("Service", "ExecStart", "/bin/false"))));
        // Delivered (nothing left unacknowledged) and taken in by the client (nothing left unread
        // in its kernel): the pool has seen it by the time the next request asks for a connection.
        await Poll.UntilSettledAsync(
            () => ServerEnd(server, idle).SendQueue == 0 && TcpTable.ClientEnd(idle.ClientPort, server.Port) is { State: TcpSocketState.Established, ReceiveQueue: 0 },
            "the stray answer reached the client");
        var unit = await Poll.EndsAsync(client.GetUnitAsync("a.service"), "GET");

        Assert.Equal("served-on-2", unit.Right().MachineId);
        await Poll.EndsAsync(idle.ClosedByClient, "the client closing the out-of-step connection");
        Assert.Equal(2, server.Requests.Count(r => r.Connection == 1));
    }

    private static TcpSocket ServerEnd(RawServer server, RawConnection connection) =>
        TcpTable.Read().Single(s => s.LocalPort == server.Port && s.RemotePort == connection.ClientPort);
}
