using Fleet.Core;
using Fleet.Reliability.Tests.Wire;
using Fleet.Transport.Api;
using LanguageExt;

namespace Fleet.Reliability.Tests.HiddenState;

/// <summary>
/// The client's one retry, counted at the server. A request is sent a second time only when all
/// of these hold: it went out on a kept-alive connection taken from the pool, the connection then
/// failed (closed or reset, not a timeout) before a single byte of the answer arrived, and its
/// method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS), so the second time goes on a new
/// connection. fleet's metadata PATCH is never sent twice. fleet's PUT of a unit is idempotent in
/// effect (the same content and state again changes nothing; fleet answers 204), and so is a
/// DELETE (the second finds no unit: fleet's 404).
/// </summary>
public sealed class RetryTests
{
    public enum Drop
    {
        /// <summary>The server reads the request on the pooled connection, then closes it without a byte of answer.</summary>
        PooledBeforeAnswer,

        /// <summary>The same, on a connection opened for this request.</summary>
        FreshBeforeAnswer,

        /// <summary>The server sends part of the answer on the pooled connection, then closes it.</summary>
        PooledMidAnswer,

        /// <summary>The server never answers on the pooled connection: the request times out.</summary>
        PooledStall,
    }

    public static TheoryData<Drop, string> Cases()
    {
        var cases = new TheoryData<Drop, string>();
        foreach (var drop in Enum.GetValues<Drop>())
        {
            foreach (var operation in new[] { "GET", "PUT create", "PUT state", "DELETE", "PATCH" }) cases.Add(drop, operation);
        }
        return cases;
    }

    private static Task<Either<APIError, LanguageExt.Unit>> SendAsync(FleetClient client, string operation) => operation switch
    {
        "GET" => Done(client.GetUnitAsync("a.service")),
        "PUT create" => client.CreateUnitAsync("a.service", [new UnitOption("Service", "ExecStart", "/bin/true")], DesiredState.Launched),
        "PUT state" => client.SetDesiredStateAsync("a.service", DesiredState.Loaded),
        "DELETE" => client.DestroyUnitAsync("a.service"),
        _ => client.EditMachineMetadataAsync([MetadataEdit.Add("222f532fc7580e18ebfca1f8614c8086", "role", "web")]),
    };

    private static async Task<Either<APIError, LanguageExt.Unit>> Done<T>(Task<Either<APIError, T>> sent) => (await sent).Map(_ => LanguageExt.Unit.Default);

    private static byte[] AnswerTo(RawRequest request) => request.Method switch
    {
        "GET" => FleetWire.Json(200, FleetWire.UnitJson("a.service", "m", ("Service", "ExecStart", "/bin/true"))),
        "PUT" when request.Body.AsSpan().IndexOf("\"options\""u8) >= 0 => FleetWire.Created(),
        _ => FleetWire.NoContent(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_request_is_sent_again_only_when_idempotent_and_failed_on_a_pooled_connection_before_any_answer(Drop drop, string operation)
    {
        var failing = drop == Drop.FreshBeforeAnswer ? 2 : 1;
        await using var server = new RawServer(FleetScript.WithDiscovery(async (connection, request) =>
        {
            if (connection.Id != failing)
            {
                await connection.WriteAsync(AnswerTo(request));
                return;
            }
            if (drop == Drop.PooledStall) return;
            if (drop == Drop.PooledMidAnswer) await connection.WriteAsync(AnswerTo(request).AsMemory(0, 20));
            connection.Close();
        }));
        await using var client = await Clients.ConnectAsync(server.Endpoint, Clients.Options(TimeSpan.FromSeconds(1)));
        if (drop == Drop.FreshBeforeAnswer)
        {
            // The pooled connection is closed and seen closed, so the request opens a new one.
            server.Connections[0].Close();
            await Poll.UntilSettledAsync(() => TcpTable.ClientEnd(server.Connections[0].ClientPort, server.Port)?.State is TcpSocketState.CloseWait or null, "the close seen");
        }

        var result = await Poll.EndsAsync(SendAsync(client, operation), operation);

        var method = operation.Split(' ')[0];
        var sent = server.Requests.Where(r => r.Method == method && !r.Target.EndsWith("/discovery", StringComparison.Ordinal)).ToList();
        var retried = drop == Drop.PooledBeforeAnswer && method != "PATCH";
        Assert.Equal(retried ? [failing, failing + 1] : new[] { failing }, sent.Select(r => r.Connection));
        Assert.Equal(retried, result.IsRight);
        if (!retried)
        {
            Assert.Equal(drop switch
            {
                Drop.PooledStall => ErrorKind.Timeout,
                Drop.PooledMidAnswer => ErrorKind.Protocol,
                _ => ErrorKind.Transport,
            }, result.Left().Kind);
        }
    }
}
