using Fleet.Core;
using Fleet.Facade;
using Fleet.Reliability.Tests.Wire;
using Fleet.Simulator;

namespace Fleet.Reliability.Tests.HiddenState;

/// <summary>
/// The client keeps no picture of the cluster of its own: whatever a create's answer was (fleet
/// refused it, the connection dropped before fleet saw it, or after fleet acted on it), the next
/// Get and List say what fleet holds. A create is reported done only when fleet has the unit.
/// </summary>
public sealed class FailedCreateTests
{
    private static readonly UnitOption[] Content = [new("Unit", "Description", "hidden state"), new("Service", "ExecStart", "/bin/true")];

    private static async Task<(FleetServer Fleet, DroppingProxy Proxy, FleetClient Client)> StartAsync(Func<string, string, ProxyAction> decide)
    {
        var fleet = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        var proxy = new DroppingProxy(fleet.TcpEndPoint!, decide);
        return (fleet, proxy, await Clients.ConnectAsync(proxy.Endpoint));
    }

    private static async Task<bool> FleetHoldsAsync(FleetClient client, string name)
    {
        var got = await client.GetUnitAsync(name);
        var listed = (await client.ListUnitsAsync()).Right().Any(unit => unit.Name == name);
        Assert.Equal(got.IsRight, listed);
        if (got.IsLeft) Assert.Equal(404, got.Left().Code);
        return listed;
    }

    [Fact]
    public async Task A_create_fleet_refuses_leaves_no_unit_and_the_next_reads_say_so()
    {
        await using var fleet = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        await using var client = await Clients.ConnectAsync(fleet.Endpoint);
        var facade = new FleetApiClient(client);

        fleet.Faults.EtcdFailing = true;
        var refused = (await client.CreateUnitAsync("refused.service", Content, DesiredState.Launched)).Left();
        await Assert.ThrowsAsync<FleetApiException>(() => facade.CreateUnitAsync("refused.service", Content, DesiredState.Launched));
        fleet.Faults.EtcdFailing = false;
        var invalid = (await client.CreateUnitAsync("invalid.service", [.. Content, new("X-Fleet", "Global", "true"), new("X-Fleet", "MachineID", "abc")], DesiredState.Launched)).Left();

        Assert.Equal((ErrorKind.Http, 500), (refused.Kind, refused.Code));
        Assert.Equal(ErrorKind.Validation, invalid.Kind);
        Assert.False(await FleetHoldsAsync(client, "refused.service"));
        Assert.False(await FleetHoldsAsync(client, "invalid.service"));
        Assert.Equal(404, (await Assert.ThrowsAsync<FleetApiException>(() => facade.GetUnitAsync("refused.service"))).Code);
        Assert.Empty(fleet.Cluster.Units);
    }

    [Fact]
    public async Task A_create_whose_connection_drops_before_fleet_sees_it_is_an_error_and_no_unit_exists()
    {
        var (fleet, proxy, client) = await StartAsync((method, _) => method == "PUT" ? ProxyAction.DropBeforeFleet : ProxyAction.Forward);
        await using (fleet)
        await using (proxy)
        await using (client)
        {
            var error = (await client.CreateUnitAsync("dropped.service", Content, DesiredState.Launched)).Left();

            Assert.Equal((ErrorKind.Transport, "the server closed the connection without answering"), (error.Kind, error.Message));
            Assert.DoesNotContain(proxy.Forwarded, line => line.StartsWith("PUT", StringComparison.Ordinal));
            Assert.False(await FleetHoldsAsync(client, "dropped.service"));
        }
    }

    [Fact]
    public async Task A_create_whose_connection_drops_after_fleet_acted_is_an_error_and_the_next_reads_show_the_unit()
    {
        // The pooled connection goes first, so the PUT opens a new one, where it is never sent twice.
        var (fleet, proxy, client) = await StartAsync((method, target) => method == "GET" && target.EndsWith("/discovery", StringComparison.Ordinal)
            ? ProxyAction.CloseAfterAnswer
            : method == "PUT" ? ProxyAction.DropAfterFleet : ProxyAction.Forward);
        await using (fleet)
        await using (proxy)
        await using (client)
        {
            var error = (await client.CreateUnitAsync("applied.service", Content, DesiredState.Launched)).Left();
            var thrown = await Assert.ThrowsAsync<FleetConnectionException>(() => new FleetApiClient(client).CreateUnitAsync("applied-too.service", Content, DesiredState.Launched));

            Assert.Equal(ErrorKind.Transport, error.Kind);
            Assert.Equal(ErrorKind.Transport, thrown.Error.Kind);
            Assert.True(await FleetHoldsAsync(client, "applied.service"));
            Assert.True(await FleetHoldsAsync(client, "applied-too.service"));
            Assert.Equal(Content, (await client.GetUnitAsync("applied.service")).Right().Options);
        }
    }

    [Fact]
    public async Task A_create_sent_again_after_fleet_acted_on_the_first_is_reported_done()
    {
        // The first PUT reaches fleet, its answer is lost with the pooled connection, and the
        // client sends it again on a new one: fleet, holding the unit already, answers 204.
        var drops = 0;
        var (fleet, proxy, client) = await StartAsync((method, _) =>
            method == "PUT" && Interlocked.Increment(ref drops) == 1 ? ProxyAction.DropAfterFleet : ProxyAction.Forward);
        await using (fleet)
        await using (proxy)
        await using (client)
        {
            var created = await Poll.EndsAsync(client.CreateUnitAsync("twice.service", Content, DesiredState.Launched), "the create");

            Assert.Equal(2, proxy.Forwarded.Count(line => line.StartsWith("PUT /fleet/v1/units/twice.service ", StringComparison.Ordinal)));
            created.Right();
            Assert.True(await FleetHoldsAsync(client, "twice.service"));
            Assert.Single(fleet.Cluster.Units);
        }
    }
}
