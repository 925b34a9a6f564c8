using Fleet.Samples.CSharp;
using Fleet.Simulator;

// With an endpoint, the tour runs against that fleet; without one, against a simulated cluster
// started here, so it runs anywhere.
if (args.Length > 0)
{
    await HelloFleet.RunAsync(args[0], Console.Out);
    return;
}
await using var simulated = await FleetServer.StartAsync(new FleetServerOptions { AgentDelay = TimeSpan.FromMilliseconds(100) });
await HelloFleet.RunAsync(simulated.Endpoint, Console.Out);
