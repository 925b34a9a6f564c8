using Fleet.Core;
using Fleet.Facade;
using Fleet.Reliability.Tests.Wire;

namespace Fleet.Reliability.Tests.Faults;

/// <summary>
/// The caller cancels at every stage of an exchange: before it is sent, while the request is
/// still going out, while waiting for the answer, in the middle of its headers, in the middle
/// of its body. The call ends in an OperationCanceledException; a connection that carried part
/// of the exchange is closed, never pooled; and the next request on the same client gets its
/// own, whole answer on a new connection (or, when nothing was sent, on the clean one it had).
/// </summary>
public sealed class CancellationTests
{
    public enum Stage
    {
        BeforeSend,
        MidSend,
        AwaitingHeaders,
        MidHeaders,
        MidBody,
    }

    public static TheoryData<Stage, bool> Stages()
    {
        var stages = new TheoryData<Stage, bool>();
        foreach (var stage in Enum.GetValues<Stage>())
        {
            stages.Add(stage, false);
            stages.Add(stage, true);
        }
        return stages;
    }

    // A unit too large for the socket buffers: its PUT is still being written when cancelled.
    private static readonly UnitOption[] LargeUnit =
        [new("Service", "ExecStart", "/bin/true"), .. Enumerable.Range(0, 16_000).Select(i => new UnitOption("Service", "Environment", $"V{i}=" + new string('v', 500)))];

    private static readonly byte[] Answer = FleetWire.Json(200, FleetWire.UnitJson("a.service", "never-whole", ("Service", "ExecStart", "/bin/true")));

    [Theory]
    [MemberData(nameof(Stages))]
    public async Task Cancelling_at_any_stage_leaves_nothing_half_read_for_the_next_request(Stage stage, bool facade)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawServer(
            FleetScript.WithDiscovery(async (connection, request) =>
            {
                if (FleetScript.UnitOf(request) != "a.service")
                {
                    await connection.WriteAsync(FleetWire.Json(200, FleetWire.UnitJson(FleetScript.UnitOf(request), $"served-on-{connection.Id}", ("Service", "ExecStart", "/bin/true"))));
                    return;
                }
                var headEnd = Answer.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
                if (stage == Stage.MidHeaders) await connection.WriteAsync(Answer.AsMemory(0, headEnd / 2));
                if (stage == Stage.MidBody) await connection.WriteAsync(Answer.AsMemory(0, headEnd + 40));
                reached.TrySetResult();
                // MidSend: the body stays unread (and the client's write blocked) until released.
                if (stage == Stage.MidSend) await release.Task;
            }),
            leaveBodyUnread: request => request.Method == "PUT",
            receiveBufferBytes: 4096);
        await using var functional = await Clients.ConnectAsync(server.Endpoint);
        var client = new FleetApiClient(functional);
        using var cancel = new CancellationTokenSource();
        if (stage == Stage.BeforeSend) await cancel.CancelAsync();

        var call = (stage, facade) switch
        {
            (Stage.MidSend, false) => (Task)functional.CreateUnitAsync("a.service", LargeUnit, DesiredState.Launched, cancel.Token),
            (Stage.MidSend, true) => client.CreateUnitAsync("a.service", LargeUnit, DesiredState.Launched, cancel.Token),
            (_, false) => functional.GetUnitAsync("a.service", cancel.Token),
            _ => client.GetUnitAsync("a.service", cancel.Token),
        };
        if (stage != Stage.BeforeSend)
        {
            await Poll.EndsAsync(reached.Task, $"the exchange reaching {stage}");
            await ReachedAsync(stage, server, call);
            await cancel.CancelAsync();
        }
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Poll.EndsAsync(call, $"the call cancelled {stage}"));
        release.TrySetResult();

        var next = (await Poll.EndsAsync(functional.GetUnitAsync("b.service"), "the next request")).Right();
        Assert.Equal("b.service", next.Name);
        if (stage == Stage.BeforeSend)
        {
            // Nothing was sent: the connection stayed clean and is used as before.
            Assert.DoesNotContain(server.Requests, r => r.Target.EndsWith("/a.service", StringComparison.Ordinal));
            Assert.Equal("served-on-1", next.MachineId);
        }
        else
        {
            Assert.Equal("served-on-2", next.MachineId);
            await Poll.EndsAsync(server.Connections[0].ClosedByClient, "the client closing the cancelled exchange's connection");
        }
    }

    // Proof from the kernel that the exchange is where the stage says when the cancel comes.
    private static Task ReachedAsync(Stage stage, RawServer server, Task call)
    {
        var connection = server.Connections[0];
        return stage switch
        {
            // The request's bytes are queued, unsent, in the client's socket, and the call is still writing.
            Stage.MidSend => Poll.UntilAsync(() => !call.IsCompleted && TcpTable.ClientEnd(connection.ClientPort, server.Port)?.SendQueue > 0, "the PUT blocked mid-send"),
            // What the server wrote has been taken in by the client.
            Stage.MidHeaders or Stage.MidBody => Poll.UntilAsync(() => TcpTable.ClientEnd(connection.ClientPort, server.Port) is { ReceiveQueue: 0 }, "the partial answer read"),
            _ => Task.CompletedTask,
        };
    }
}
