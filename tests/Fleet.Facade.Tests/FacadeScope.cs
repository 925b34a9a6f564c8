using Fleet.Simulator;

namespace Fleet.Facade.Tests;

/// <summary>A FleetServer on a unix socket or TCP and a FleetApiClient connected to it, disposed together.</summary>
internal sealed class FacadeScope : IAsyncDisposable
{
    private readonly string? directory;

    private FacadeScope(FleetServer server, FleetApiClient client, string? directory)
    {
        Server = server;
        Client = client;
        this.directory = directory;
    }

    public FleetServer Server { get; }

    public FleetApiClient Client { get; }

    public static async Task<FacadeScope> StartAsync(bool unix, FleetClientOptions? clientOptions = null)
    {
        var options = new FleetServerOptions { AgentDelay = TimeSpan.Zero };
        string? directory = null;
        if (unix)
        {
            directory = Directory.CreateTempSubdirectory("fleet-facade-").FullName;
            options = options with { UnixSocketPath = Path.Combine(directory, "fleet.sock") };
        }
        var server = await FleetServer.StartAsync(options);
        try
        {
            return new FacadeScope(server, await FleetApiClient.ConnectAsync(server.Endpoint, clientOptions), directory);
        }
        catch
        {
            await server.DisposeAsync();
            if (directory is not null) Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        if (directory is not null) Directory.Delete(directory, recursive: true);
    }
}
