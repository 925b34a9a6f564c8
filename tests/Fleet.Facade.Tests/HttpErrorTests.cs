using Fleet.Core;
using Fleet.Simulator;
using Microsoft.AspNetCore.Http;
using static Fleet.Facade.Tests.Units;

namespace Fleet.Facade.Tests;

/// <summary>fleet's HTTP errors, each from a real cause, as FleetApiException with code, message and what was received.</summary>
public sealed class HttpErrorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_unit_fleet_does_not_have_is_its_404_when_read_or_destroyed(bool unix)
    {
        await using var scope = await FacadeScope.StartAsync(unix);

        var read = await Assert.ThrowsAsync<FleetApiException>(() => scope.Client.GetUnitAsync("ghost.service"));
        var destroyed = await Assert.ThrowsAsync<FleetApiException>(() => scope.Client.DestroyUnitAsync("ghost.service"));

        Assert.Equal((404, "unit does not exist", "unit does not exist"), (read.Code, read.FleetMessage, read.Message));
        Assert.Equal((ErrorKind.Http, 404), (read.Error.Kind, read.Error.Code));
        // What fleet sent, byte for byte (its error entity, as in the reference transcripts).
        Assert.Equal("{\"error\":{\"code\":404,\"message\":\"unit does not exist\"}}", read.RawResponse);
        Assert.Equal(404, destroyed.Code);
    }

    [Fact]
    public async Task Setting_the_state_of_a_unit_fleet_does_not_have_is_its_409()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);

        var e = await Assert.ThrowsAsync<FleetApiException>(() => scope.Client.SetDesiredStateAsync("ghost.service", "launched"));

        Assert.Equal((409, "unit does not exist and options field empty"), (e.Code, e.FleetMessage));
    }

    [Fact]
    public async Task Activating_a_template_is_its_400()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        var template = await scope.Client.CreateUnitAsync("web@.service", Exec, DesiredState.Inactive);

        var byName = await Assert.ThrowsAsync<FleetApiException>(() => scope.Client.SetDesiredStateAsync("web@.service", DesiredState.Launched));
        var byUnit = await Assert.ThrowsAsync<FleetApiException>(() => template.SetDesiredStateAsync(DesiredState.Loaded));

        Assert.Equal((400, "cannot activate template \"web@.service\""), (byName.Code, byName.FleetMessage));
        Assert.Equal(400, byUnit.Code);
    }

    [Fact]
    public async Task Fleet_that_has_not_reached_etcd_is_its_503_when_connecting_and_after()
    {
        await using var scope = await FacadeScope.StartAsync(unix: false);
        scope.Server.Faults.EtcdUnreachable = true;

        var connecting = await Assert.ThrowsAsync<FleetApiException>(() => FleetApiClient.ConnectAsync(scope.Server.Endpoint));
        var listing = await Assert.ThrowsAsync<FleetApiException>(() => scope.Client.ListMachinesAsync());

        Assert.Equal((503, "fleet server unable to communicate with etcd"), (connecting.Code, connecting.FleetMessage));
        Assert.Equal(503, listing.Code);
    }

    [Fact]
    public async Task A_stream_throws_fleets_error_where_it_reaches_it()
    {
        await using var scope = await FacadeScope.StartAsync(unix: true);
        await scope.Client.CreateUnitAsync("a.service", Exec, DesiredState.Launched);
        scope.Server.Faults.EtcdFailing = true;

        var e = await Assert.ThrowsAsync<FleetApiException>(async () =>
        {
            await foreach (var _ in scope.Client.ListUnits())
            {
            }
        });
        var states = await Assert.ThrowsAsync<FleetApiException>(async () =>
        {
            await foreach (var _ in scope.Client.ListUnitStates())
            {
            }
        });

        Assert.Equal(500, e.Code);
        Assert.Equal(500, states.Code);
        Assert.Equal(e.Error.Message, e.FleetMessage);
    }

    [Fact]
    public async Task An_error_that_is_not_fleets_entity_keeps_what_was_received()
    {
        await using var server = await StubHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/fleet/v1/discovery")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\":\"fleet:v1\"}");
                return;
            }
            context.Response.StatusCode = 502;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("bad gateway: upstream fleetd went away");
        });
        await using var client = await FleetApiClient.ConnectAsync(server.Endpoint);

        var e = await Assert.ThrowsAsync<FleetApiException>(() => client.GetUnitAsync("hello.service"));

        Assert.Equal(502, e.Code);
        Assert.Equal("the server answered 502 without fleet's error entity", e.FleetMessage);
        Assert.Contains("bad gateway: upstream fleetd went away", e.RawResponse, StringComparison.Ordinal);
        Assert.Equal(e.Error.Received, e.RawResponse);
    }

    [Fact]
    public async Task Every_http_error_is_catchable_as_a_fleet_error_with_its_api_error()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        await using var client = await FleetApiClient.ConnectAsync(server.Endpoint);

        try
        {
            await client.GetUnitAsync("ghost.service");
            Assert.Fail("fleet has no such unit");
        }
        catch (Exception e) when (e is IFleetError fleet)
        {
            Assert.Equal((ErrorKind.Http, 404, "unit does not exist"), (fleet.Error.Kind, fleet.Error.Code, fleet.Error.Message));
        }
    }
}
