using System.Net;
using System.Text;

namespace Fleet.Simulator.Tests.Server;

public sealed class FaultTests
{
    [Fact]
    public async Task Etcd_unreachable_answers_503_to_everything_until_it_is_switched_off()
    {
        await using var server = await FleetServer.StartAsync();
        using var client = FleetHttp.Tcp(server);

        server.Faults.EtcdUnreachable = true;
        var discovery = await client.GetAsync("fleet/v1/discovery");
        var units = await client.GetAsync("fleet/v1/units");
        server.Faults.EtcdUnreachable = false;
        var after = await client.GetAsync("fleet/v1/units");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, discovery.Status);
        Assert.Equal("fleet server unable to communicate with etcd", discovery.Body!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, units.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task Etcd_failing_answers_500_on_resources_and_still_serves_discovery()
    {
        await using var server = await FleetServer.StartAsync();
        using var client = FleetHttp.Tcp(server);

        server.Faults.EtcdFailing = true;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("fleet/v1/discovery")).Status);
        var units = await client.GetAsync("fleet/v1/units");
        Assert.Equal(HttpStatusCode.InternalServerError, units.Status);
        Assert.Equal(500, units.Body!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.PutUnitAsync("a.service", "launched", ("Service", "ExecStart", "/bin/true"))).Status);
        Assert.Empty(server.Cluster.Units);
    }

    [Fact]
    public async Task Latency_holds_the_answer_back_so_a_client_deadline_fires()
    {
        await using var server = await FleetServer.StartAsync();
        using var client = FleetHttp.Tcp(server);

        server.Faults.Latency = TimeSpan.FromMinutes(5);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Client.GetAsync("fleet/v1/machines", deadline.Token));
        }
        server.Faults.Latency = TimeSpan.Zero;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("fleet/v1/machines")).Status);
    }

    [Fact]
    public async Task Abort_after_bytes_cuts_the_answer_there_and_closes_the_connection()
    {
        await using var server = await FleetServer.StartAsync();
        var request = "GET /fleet/v1/machines HTTP/1.1\r\nHost: x\r\n\r\n";
        var whole = await RawHttp.ExchangeAsync(server.TcpEndPoint!, request);

        server.Faults.AbortAfterBytes = 40;
        var cut = await RawHttp.ExchangeAsync(server.TcpEndPoint!, request);
        using var client = FleetHttp.Tcp(server);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("fleet/v1/machines"));

        Assert.Equal(40, cut.Length);
        // Up to the Date header the bytes are the whole answer's own.
        Assert.Equal(Encoding.ASCII.GetString(whole, 0, 30), Encoding.ASCII.GetString(cut, 0, 30));
    }
}
