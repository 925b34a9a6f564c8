using Fleet.Core;
using Fleet.Reliability.Tests.Wire;

namespace Fleet.Reliability.Tests.Faults;

/// <summary>
/// A server that half-closes (sends FIN, keeps reading): after a whole answer, before any, or
/// in the middle of one. What arrived whole is read; the connection is not used again; a request
/// that got no answer is sent again only if it is idempotent and went out on a kept-alive
/// connection (the pool's one retry).
/// </summary>
public sealed class HalfCloseTests
{
    private static byte[] UnitAnswer(string name, RawConnection connection) =>
        FleetWire.Json(200, FleetWire.UnitJson(name, $"served-on-{connection.Id}", ("Service", "ExecStart", "/bin/true")));

    [Fact]
    public async Task A_whole_answer_then_a_half_close_is_read_and_the_connection_is_not_used_again()
    {
        await using var server = new RawServer(FleetScript.WithDiscovery(async (connection, request) =>
        {
            await connection.WriteAsync(UnitAnswer(FleetScript.UnitOf(request), connection));
            if (FleetScript.UnitOf(request) == "a.service") connection.HalfClose();
        }));
        await using var client = await Clients.ConnectAsync(server.Endpoint);

        Assert.Equal("served-on-1", (await client.GetUnitAsync("a.service")).Right().MachineId);
        Assert.Equal("served-on-2", (await client.GetUnitAsync("b.service")).Right().MachineId);
        // Found closed when the pool looked at it again, and closed in turn.
        await Poll.EndsAsync(server.Connections[0].ClosedByClient, "the client closing the half-closed connection");
    }

    [Fact]
    public async Task A_half_close_without_an_answer_fails_a_PATCH_once_and_is_not_sent_again()
    {
        await using var server = new RawServer(FleetScript.WithDiscovery((connection, request) =>
        {
            connection.HalfClose();
            return Task.CompletedTask;
        }));
        await using var client = await Clients.ConnectAsync(server.Endpoint);

        var error = (await client.EditMachineMetadataAsync([MetadataEdit.Add("222f532fc7580e18ebfca1f8614c8086", "role", "web")])).Left();

        Assert.Equal((ErrorKind.Transport, "the server closed the connection without answering"), (error.Kind, error.Message));
        Assert.Equal(1, server.Count("PATCH"));
    }

    [Fact]
    public async Task A_half_close_without_an_answer_sends_an_idempotent_GET_once_more_on_a_new_connection()
    {
        await using var server = new RawServer(FleetScript.WithDiscovery(async (connection, request) =>
        {
            if (connection.Id == 1) connection.HalfClose();
            else await connection.WriteAsync(UnitAnswer(FleetScript.UnitOf(request), connection));
        }));
        await using var client = await Clients.ConnectAsync(server.Endpoint);

        Assert.Equal("served-on-2", (await client.GetUnitAsync("a.service")).Right().MachineId);
        Assert.Equal([1, 2], server.Requests.Where(r => r.Target.EndsWith("/a.service", StringComparison.Ordinal)).Select(r => r.Connection));
    }

    [Fact]
    public async Task A_half_close_in_the_middle_of_an_answer_is_an_incomplete_answer()
    {
        var answer = FleetWire.Json(200, FleetWire.UnitJson("a.service", "m", ("Service", "ExecStart", "/bin/true")));
        await using var server = new RawServer(FleetScript.WithDiscovery(async (connection, request) =>
        {
            await connection.WriteAsync(answer.AsMemory(0, answer.Length - 10));
            connection.HalfClose();
        }));
        await using var client = await Clients.ConnectAsync(server.Endpoint);

        var error = (await client.GetUnitAsync("a.service")).Left();

        Assert.Equal((ErrorKind.Protocol, "the connection closed before the response was complete"), (error.Kind, error.Message));
        Assert.Single(server.Requests, r => r.Target.EndsWith("/a.service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_without_a_length_ends_at_the_half_close_and_is_read_whole()
    {
        var json = FleetWire.UnitJson("a.service", "until-close", ("Service", "ExecStart", "/bin/true"));
        await using var server = new RawServer(FleetScript.WithDiscovery(async (connection, request) =>
        {
            await connection.WriteAsync(System.Text.Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + json));
            connection.HalfClose();
        }));
        await using var client = await Clients.ConnectAsync(server.Endpoint);

        var unit = (await client.GetUnitAsync("a.service")).Right();

        Assert.Equal(("a.service", "until-close"), (unit.Name, unit.MachineId));
    }
}
