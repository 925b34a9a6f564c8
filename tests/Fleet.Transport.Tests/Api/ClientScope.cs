using Fleet.Simulator;

namespace Fleet.Transport.Tests.Api;

/// <summary>A FleetServer on a unix socket or TCP and a FleetClient connected to it, disposed together.</summary>
internal sealed class ClientScope : IAsyncDisposable
{
    private readonly string? directory;

    private ClientScope(FleetServer server, FleetClient client, string? directory)
    {
        Server = server;
        Client = client;
        this.directory = directory;
    }

    public FleetServer Server { get; }

    public FleetClient Client { get; }

    public static async Task<ClientScope> StartAsync(bool unix, FleetServerOptions? options = null, FleetClientOptions? clientOptions = null)
    {
        options ??= new FleetServerOptions { AgentDelay = TimeSpan.Zero };
        string? directory = null;
        if (unix)
        {
            directory = Directory.CreateTempSubdirectory("fleet-").FullName;
            options = options with { UnixSocketPath = Path.Combine(directory, "fleet.sock") };
        }
        var server = await FleetServer.StartAsync(options);
        var client = (await FleetClient.ConnectAsync(server.Endpoint, clientOptions)).Right();
        return new ClientScope(server, client, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        if (directory is not null) Directory.Delete(directory, recursive: true);
    }
}
