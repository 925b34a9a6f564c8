using System.Net;
using Fleet.Simulator;

namespace Fleet.Cli.Tests.Harness;

/// <summary>How a test's fleet is reached.</summary>
public enum FleetTransport
{
    /// <summary>A unix socket in a temporary folder.</summary>
    UnixSocket,

    /// <summary>TCP on a free loopback port.</summary>
    Tcp,
}

/// <summary>
/// A <see cref="FleetServer"/> with the reference's three machines, of its own for one test (so
/// tests run in parallel), over a unix socket or TCP; disposing stops it and removes its folder.
/// </summary>
internal sealed class ServedFleet : IAsyncDisposable
{
    private readonly string? folder;

    private ServedFleet(FleetServer server, string? folder)
    {
        Server = server;
        this.folder = folder;
    }

    /// <summary>The server.</summary>
    public FleetServer Server { get; }

    /// <summary>Starts a server.</summary>
    public static async Task<ServedFleet> StartAsync(FleetTransport transport, CancellationToken cancellationToken = default)
    {
        if (transport == FleetTransport.Tcp)
        {
            return new ServedFleet(await FleetServer.StartAsync(new FleetServerOptions { TcpEndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, cancellationToken), null);
        }
        // Short: a unix socket path may not exceed 107 bytes.
        var folder = Directory.CreateTempSubdirectory("flcli").FullName;
        try
        {
            return new ServedFleet(await FleetServer.StartAsync(new FleetServerOptions { UnixSocketPath = Path.Combine(folder, "fleet.sock") }, cancellationToken), folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The endpoint argument for a reference command's argument that holds <c>unix://{SOCK}</c>:
    /// the socket's path in its place, or the whole <c>unix://{SOCK}</c> replaced by the TCP URL.
    /// </summary>
    public string Substitute(string argument) => Server.UnixSocketPath is { } path
        ? argument.Replace(ReferenceStep.SocketPlaceholder, path, StringComparison.Ordinal)
        : argument.Replace("unix://" + ReferenceStep.SocketPlaceholder, Server.Endpoint, StringComparison.Ordinal);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (folder is not null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
