using System.Diagnostics;
using Fleet.Core;
using Fleet.Facade;
using Fleet.Reliability.Tests.Wire;
using Fleet.Simulator;
using Xunit.Abstractions;

namespace Fleet.Reliability.Tests.Load;

/// <summary>
/// Ten thousand requests from 32 concurrent callers through one client (a quarter of them
/// through the facade over the same client) against FleetServer: none fails, every answer is the one its
/// caller asked for (each caller's units hold its own number, and it alone changes them), the
/// client never holds more connections than its limit, every call was one successful exchange on
/// the wire (counted from the transport's log, not by the callers), and disposing the client
/// brings this process's sockets to fleet back to where they were.
/// </summary>
[Collection(Hostile.RunAlone.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Callers = 32;
    private const int RequestsPerCaller = 313;
    private const int UnitsPerCaller = 4;

    private static string UnitName(int caller, int unit) => $"load-c{caller:D2}-u{unit}.service";

    private static UnitOption[] Content(int caller, int unit) =>
    [
        new("Unit", "Description", $"caller {caller} unit {unit}"),
        new("Service", "Environment", $"CALLER={caller} UNIT={unit}"),
        new("Service", "ExecStart", "/bin/sleep infinity"),
    ];

    [Fact]
    public async Task Ten_thousand_requests_from_32_callers_through_one_client_all_get_their_own_answers()
    {
        await using var server = await FleetServer.StartAsync(new FleetServerOptions { MachineCount = 3 });
        var port = server.TcpEndPoint!.Port;
        var socketsBefore = OwnSockets.ConnectedTo(port);
        var answered = new AnsweredExchanges();
        var options = Clients.Options(TimeSpan.FromSeconds(30), answered);
        var client = await Clients.ConnectAsync(server.Endpoint, options);
        var facade = new FleetApiClient(client);
        var sent = 0;
        var peakSockets = 0;
        using var done = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peakSockets = Math.Max(peakSockets, OwnSockets.ConnectedTo(port));
                await Task.Delay(20);
            }
        });
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var desired = new DesiredState[UnitsPerCaller];
            for (var unit = 0; unit < UnitsPerCaller; unit++)
            {
                (await client.CreateUnitAsync(UnitName(caller, unit), Content(caller, unit), DesiredState.Launched)).Right();
                desired[unit] = DesiredState.Launched;
                Interlocked.Increment(ref sent);
            }
            for (var i = UnitsPerCaller; i < RequestsPerCaller; i++)
            {
                var unit = i % UnitsPerCaller;
                var name = UnitName(caller, unit);
                switch (i / UnitsPerCaller % 4)
                {
                    case 0:
                        IsOwn((await client.GetUnitAsync(name)).Right(), caller, unit, desired[unit]);
                        break;
                    case 1:
                        desired[unit] = desired[unit] == DesiredState.Launched ? DesiredState.Loaded : DesiredState.Launched;
                        (await client.SetDesiredStateAsync(name, desired[unit])).Right();
                        break;
                    case 2:
                        Assert.All((await client.ListUnitStatesAsync(unitName: name)).Right(), state => Assert.Equal(name, state.Name));
                        break;
                    default:
                        var fromFacade = await facade.GetUnitAsync(name);
                        Assert.Equal((name, desired[unit]), (fromFacade.Name, fromFacade.DesiredState));
                        Assert.Equal(Content(caller, unit), fromFacade.Options);
                        break;
                }
                Interlocked.Increment(ref sent);
            }
        })));
        var elapsed = watch.Elapsed;

        await done.CancelAsync();
        await sampling;
        await client.DisposeAsync();
        await Poll.UntilAsync(() => OwnSockets.ConnectedTo(port) == socketsBefore, "the client's sockets to fleet closed");
        await Poll.UntilAsync(() => OwnSockets.AcceptedOn(port) == 0, "fleet's ends of them closed");

        output.WriteLine($"{sent} calls ({answered.Count} answered exchanges) from {Callers} callers in {elapsed.TotalSeconds:0.0} s; at most {peakSockets} sockets open (limit {options.Transport.MaxConnections}); {socketsBefore} before, {OwnSockets.ConnectedTo(port)} after disposal");
        // One answered exchange per call, and one for the discovery on connecting: none served
        // without a request, none sent twice, none failed and hidden.
        Assert.Equal(Callers * RequestsPerCaller + 1, answered.Count);
        Assert.InRange(peakSockets, 1, options.Transport.MaxConnections);
        Assert.Equal(Callers * UnitsPerCaller, server.Cluster.Units.Count);
    }

    private static void IsOwn(FleetUnit unit, int caller, int number, DesiredState desired)
    {
        Assert.Equal(UnitName(caller, number), unit.Name);
        Assert.Equal(Content(caller, number), unit.Options);
        Assert.Equal(desired, unit.DesiredState);
    }
}
