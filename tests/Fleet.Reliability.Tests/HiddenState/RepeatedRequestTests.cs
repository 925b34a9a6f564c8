using Fleet.Core;
using Fleet.Facade;
using Fleet.Simulator;

namespace Fleet.Reliability.Tests.HiddenState;

/// <summary>
/// What fleet answers when a PUT or DELETE arrives a second time, the pool's retry or the
/// caller's own: the create is done both times; the second DELETE finds no unit and is fleet's
/// 404, which the ensure helpers count as done; the reads afterwards say what fleet holds.
/// </summary>
public sealed class RepeatedRequestTests
{
    private static readonly UnitOption[] Content = [new("Service", "ExecStart", "/bin/true")];

    [Fact]
    public async Task The_same_create_twice_is_done_twice_in_both_clients()
    {
        await using var fleet = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        await using var client = await Clients.ConnectAsync(fleet.Endpoint);
        var facade = new FleetApiClient(client);

        (await client.CreateUnitAsync("same.service", Content, DesiredState.Launched)).Right();
        (await client.CreateUnitAsync("same.service", Content, DesiredState.Launched)).Right();
        var unit = await facade.CreateUnitAsync("same.service", Content, DesiredState.Loaded);

        Assert.Equal("same.service", unit.Name);
        Assert.Equal(DesiredState.Loaded, (await client.GetUnitAsync("same.service")).Right().DesiredState);
    }

    [Fact]
    public async Task A_destroy_sent_again_after_fleet_acted_is_fleets_404_and_the_unit_is_gone()
    {
        // Each unit's first DELETE reaches fleet and loses its answer; the pool sends it again.
        var dropped = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        await using var fleet = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        await using var proxy = new DroppingProxy(fleet.TcpEndPoint!, (method, target) =>
            method == "DELETE" && dropped.TryAdd(target, true) ? ProxyAction.DropAfterFleet : ProxyAction.Forward);
        await using var client = await Clients.ConnectAsync(proxy.Endpoint);
        (await client.CreateUnitAsync("gone.service", Content, DesiredState.Launched)).Right();
        (await client.CreateUnitAsync("gone-too.service", Content, DesiredState.Launched)).Right();

        var error = (await client.DestroyUnitAsync("gone.service")).Left();
        var ensured = (await client.EnsureUnitAbsentAsync("gone-too.service")).Right();

        Assert.Equal((ErrorKind.Http, 404, "unit does not exist"), (error.Kind, error.Code, error.Message));
        Assert.Equal(2, proxy.Forwarded.Count(line => line.StartsWith("DELETE /fleet/v1/units/gone.service ", StringComparison.Ordinal)));
        Assert.Equal(2, proxy.Forwarded.Count(line => line.StartsWith("DELETE /fleet/v1/units/gone-too.service ", StringComparison.Ordinal)));
        Assert.Equal(UnitChange.Destroyed, ensured.Change);
        Assert.Empty((await client.ListUnitsAsync()).Right());
    }
}
