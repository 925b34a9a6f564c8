using System.Net;
using Fleet.Simulator.Api;
using Fleet.Simulator.Cluster;

namespace Fleet.Simulator;

/// <summary>
/// fleet's v1 API served in-process by Kestrel, as fleet v1.0.0 serves it, over a unix socket,
/// TCP, or both, with a <see cref="SimulatedCluster"/> behind it and <see cref="ServerFaults"/>
/// to make it fail as fleet fails. Several can run side by side.
/// </summary>
public sealed class FleetServer : IAsyncDisposable
{
    private readonly ApiHost host;

    private FleetServer(ApiHost host, SimulatedCluster cluster, ServerFaults faults)
    {
        this.host = host;
        Cluster = cluster;
        Faults = faults;
    }

    /// <summary>The cluster behind the API.</summary>
    public SimulatedCluster Cluster { get; }

    /// <summary>Switches that make the server fail as fleet does.</summary>
    public ServerFaults Faults { get; }

    /// <summary>The unix socket the server listens on, if any.</summary>
    public string? UnixSocketPath => host.UnixSocketPath;

    /// <summary>The TCP address the server is bound to (with the port it got), if any.</summary>
    public IPEndPoint? TcpEndPoint => host.TcpEndPoint;

    /// <summary>The endpoint a fleet client would be given: <c>http://host:port</c>, or <c>unix://PATH</c> when only a socket is served.</summary>
    public string Endpoint => TcpEndPoint is { } tcp ? $"http://{tcp}" : $"unix://{UnixSocketPath}";

    /// <summary>Starts a server; it answers as soon as this completes.</summary>
    public static async Task<FleetServer> StartAsync(FleetServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FleetServerOptions();
        var tcp = options.TcpEndPoint ?? (options.UnixSocketPath is null ? new IPEndPoint(IPAddress.Loopback, 0) : null);
        var faults = new ServerFaults();
        var cluster = new SimulatedCluster(options.Machines ?? ReferenceCluster.Take(options.MachineCount), options.AgentDelay);
        try
        {
            var host = await ApiHost.StartAsync(new FleetApi(new ClusterRegistry(cluster), faults), faults, options.UnixSocketPath, tcp, cancellationToken).ConfigureAwait(false);
            return new FleetServer(host, cluster, faults);
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Stops the server, closes its connections and removes its socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync().ConfigureAwait(false);
        Cluster.Dispose();
    }
}
