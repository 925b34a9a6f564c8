using Fleet.Facade;
using Fleet.Reliability.Tests.Wire;

namespace Fleet.Reliability.Tests.Security;

/// <summary>A raw server that records every request and answers each as fleet would in shape, and a client and facade on it.</summary>
public sealed class EscapingFixture : IAsyncLifetime
{
    internal RawServer Server { get; private set; } = null!;

    public FleetClient Client { get; private set; } = null!;

    public FleetApiClient Facade { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = new RawServer(FleetScript.WithDiscovery((connection, request) => connection.WriteAsync(request.Method switch
        {
            "GET" when request.Target.Contains("/state?", StringComparison.Ordinal) || request.Target.EndsWith("/state", StringComparison.Ordinal) => FleetWire.Json(200, "{\"states\":[]}"),
            "GET" => FleetWire.Error(404, "unit does not exist"),
            "PUT" when request.Body.AsSpan().IndexOf("\"options\""u8) >= 0 => FleetWire.Created(),
            _ => FleetWire.NoContent(),
        })));
        Client = await Clients.ConnectAsync(Server.Endpoint);
        Facade = new FleetApiClient(Client);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
