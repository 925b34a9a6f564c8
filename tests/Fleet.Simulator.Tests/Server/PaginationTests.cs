using System.Net;

namespace Fleet.Simulator.Tests.Server;

public sealed class PaginationTests
{
    private static readonly (string, string, string) Exec = ("Service", "ExecStart", "/bin/true");

    [Fact]
    public async Task Two_hundred_and_fifty_units_come_in_pages_of_a_hundred_in_name_order()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.Zero });
        using var client = FleetHttp.Tcp(server);
        var names = Enumerable.Range(0, 250).Select(i => $"page-{i:D3}.service").ToList();
        foreach (var chunk in names.Chunk(25)) await Task.WhenAll(chunk.Select(name => client.PutUnitAsync(name, "launched", Exec)));

        var first = (await client.GetAsync("fleet/v1/units")).Body!;
        var second = (await client.GetAsync("fleet/v1/units?nextPageToken=ZAACAA==")).Body!;
        var third = (await client.GetAsync("fleet/v1/units?nextPageToken=ZAADAA==")).Body!;

        Assert.Equal(100, first["units"]!.AsArray().Count);
        Assert.Equal("ZAACAA==", first["nextPageToken"]!.GetValue<string>());
        Assert.Equal(100, second["units"]!.AsArray().Count);
        Assert.Equal("ZAADAA==", second["nextPageToken"]!.GetValue<string>());
        Assert.Equal(50, third["units"]!.AsArray().Count);
        Assert.Null(third["nextPageToken"]);
        var (units, pages) = await client.ListAllAsync("fleet/v1/units", "units");
        Assert.Equal(3, pages);
        Assert.Equal(names, units.Select(u => u["name"]!.GetValue<string>()));

        var (states, statePages) = await client.ListAllAsync("fleet/v1/state", "states");
        Assert.Equal(3, statePages);
        Assert.Equal(names, states.Select(s => s["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_list_that_fills_its_last_page_exactly_points_at_an_empty_next_page()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { MachineCount = 200 });
        using var client = FleetHttp.Tcp(server);

        var (machines, pages) = await client.ListAllAsync("fleet/v1/machines", "machines");

        Assert.Equal(3, pages);
        Assert.Equal(200, machines.Count);
        var last = (await client.GetAsync("fleet/v1/machines?nextPageToken=ZAADAA==")).Body!;
        Assert.Null(last["machines"]);
        Assert.Null(last["nextPageToken"]);
    }

    [Theory]
    [InlineData("ZAACAA", "illegal base64 data at input byte 4")]
    [InlineData("ZAA=", "unexpected EOF")]
    [InlineData("ZAABAA==&nextPageToken=ZAABAA==", "too many values for page token")]
    [InlineData("MgABAA==", "token limit must be 100")]
    [InlineData("ZAAAAA==", "token page must be greater than zero")]
    public async Task A_bad_page_token_is_a_400_with_fleets_reason(string token, string message)
    {
        await using var server = await FleetServer.StartAsync();
        using var client = FleetHttp.Tcp(server);

        var (status, body) = await client.GetAsync($"fleet/v1/units?nextPageToken={token}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(message, body["error"]!["message"]!.GetValue<string>());
    }
}
