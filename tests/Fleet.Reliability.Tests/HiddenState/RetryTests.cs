using Fleet.Core;
using Fleet.Reliability.Tests.Wire;
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

    private static Task<Either<APIError, Unit>> SendAsync(FleetClient client, string operation) => operation switch
    {
        "GET" => Done(client.GetUnitAsync("a.service")),
        "PUT create" => client.CreateUnitAsync("a.service", [new UnitOption("Service", "ExecStart", "/bin/true")], DesiredState.Launched),
        "PUT state" => client.SetDesiredStateAsync("a.service", DesiredState.Loaded),
        "DELETE" => client.DestroyUnitAsync("a.service"),
        _ => client.EditMachineMetadataAsync([MetadataEdit.Add("222f532fc7580e18ebfca1f8614c8086", "role", "web")]),
    };

    private static async Task<Either<APIError, Unit>> Done<T>(Task<Either<APIError, T>> sent) => (await sent).Map(_ => Unit.Default);

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
        // The connection the request is to fail on: known once the client has one in its pool.
        var failing = int.MaxValue;
        await using var server = new RawServer(FleetScript.WithDiscovery(async (connection, request) =>
        {
            if (connection.Id != Volatile.Read(ref failing))
            {
                await connection.WriteAsync(AnswerTo(request));
                return;
            }
            if (drop == Drop.PooledStall) return;
            if (drop == Drop.PooledMidAnswer) await connection.WriteAsync(AnswerTo(request).AsMemory(0, 20));
            connection.Close();
        }));
        // Only the stall needs a short deadline; anywhere else a deadline is only a way for a slow
        // machine to fail the test.
        var (client, pooled) = await ConnectWithPooledConnectionAsync(server, Clients.Options(drop == Drop.PooledStall ? TimeSpan.FromSeconds(1) : Poll.Deadline));
        await using var disposing = client;
        Volatile.Write(ref failing, drop == Drop.FreshBeforeAnswer ? pooled + 1 : pooled);
        if (drop == Drop.FreshBeforeAnswer)
        {
            // The pooled connection is closed and seen closed, so the request opens a new one.
            server.Connections[pooled - 1].Close();
            await Poll.UntilSettledAsync(() => TcpTable.ClientEnd(server.Connections[pooled - 1].ClientPort, server.Port)?.State is TcpSocketState.CloseWait or null, "the close seen");
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

    /// <summary>
    /// A client whose discovery connection waits in its pool, and that connection's number. A
    /// client drops a connection whose request deadline fired, even one that fired just after the
    /// whole answer was read (the timer cannot be told apart from a cut-short read), so under a
    /// short deadline on a loaded machine the discovery connection can be gone; then the client
    /// is made again, until the deadline of the suite. Whether the client kept it is read from
    /// the kernel: a connection the client dropped was closed before ConnectAsync returned.
    /// </summary>
    private static async Task<(FleetClient Client, int Pooled)> ConnectWithPooledConnectionAsync(RawServer server, FleetClientOptions options)
    {
        var until = DateTime.UtcNow + Poll.Deadline;
        while (true)
        {
            var connected = await FleetClient.ConnectAsync(server.Endpoint, options);
            if (connected.IsRight)
            {
                var client = connected.Right();
                // The discovery went on this client's only connection, the last one accepted.
                var pooled = server.Connections.Count;
                if (TcpTable.ClientEnd(server.Connections[pooled - 1].ClientPort, server.Port)?.State == TcpSocketState.Established) return (client, pooled);
                await client.DisposeAsync();
            }
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"no client kept its discovery connection within {Poll.Deadline.TotalSeconds} s");
        }
    }
}
