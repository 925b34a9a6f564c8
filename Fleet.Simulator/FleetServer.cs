using System.Net;
using System.Net.Sockets;
using Fleet.Simulator.Api;
using Fleet.Simulator.Cluster;
using Fleet.Simulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Fleet.Simulator;

/// <summary>
/// fleet's v1 API served in-process by Kestrel, as fleet v1.0.0 serves it, over a unix socket,
/// TCP, or both, with a <see cref="SimulatedCluster"/> behind it and <see cref="ServerFaults"/>
/// to make it fail as fleet fails. Several can run side by side.
/// </summary>
public sealed class FleetServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FleetServer(WebApplication app, SimulatedCluster cluster, ServerFaults faults, string? unixSocketPath, IPEndPoint? tcpEndPoint)
    {
        this.app = app;
        Cluster = cluster;
        Faults = faults;
        UnixSocketPath = unixSocketPath;
        TcpEndPoint = tcpEndPoint;
    }

    /// <summary>The cluster behind the API.</summary>
    public SimulatedCluster Cluster { get; }

    /// <summary>Switches that make the server fail as fleet does.</summary>
    public ServerFaults Faults { get; }

    /// <summary>The unix socket the server listens on, if any.</summary>
    public string? UnixSocketPath { get; }

    /// <summary>The TCP address the server is bound to (with the port it got), if any.</summary>
    public IPEndPoint? TcpEndPoint { get; }

    /// <summary>The endpoint a fleet client would be given: <c>http://host:port</c>, or <c>unix://PATH</c> when only a socket is served.</summary>
    public string Endpoint => TcpEndPoint is { } tcp ? $"http://{tcp}" : $"unix://{UnixSocketPath}";

    /// <summary>Starts a server; it answers as soon as this completes.</summary>
    public static async Task<FleetServer> StartAsync(FleetServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FleetServerOptions();
        var tcp = options.TcpEndPoint ?? (options.UnixSocketPath is null ? new IPEndPoint(IPAddress.Loopback, 0) : null);
        if (options.UnixSocketPath is { } socketPath) await RemoveStaleSocketAsync(socketPath, cancellationToken).ConfigureAwait(false);

        var faults = new ServerFaults();
        var cluster = new SimulatedCluster(options.Machines ?? ReferenceCluster.Take(options.MachineCount), options.AgentDelay);
        var api = new FleetApi(cluster, faults);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Go takes an absolute-form target's host over the Host header; Kestrel refuses a mismatch unless told.
            kestrel.AllowHostHeaderOverride = true;
            if (options.UnixSocketPath is { } path)
            {
                kestrel.ListenUnixSocket(path, listen => listen.UseGoWireFormat(faults));
            }
            if (tcp is not null) kestrel.Listen(tcp, listen => listen.UseGoWireFormat(faults));
        });
        var app = builder.Build();
        app.Run(api.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            cluster.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        IPEndPoint? bound = null;
        if (tcp is not null)
        {
            var addresses = app.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer)) is Microsoft.AspNetCore.Hosting.Server.IServer server
                ? server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []
                : [];
            var uri = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal) && !a.Contains("unix:", StringComparison.Ordinal)));
            bound = new IPEndPoint(tcp.Address, uri.Port);
        }
        return new FleetServer(app, cluster, faults, options.UnixSocketPath, bound);
    }

    // A socket file nobody listens on is what a killed server leaves; one that answers belongs to
    // a running server, which must not lose its socket to this one.
    private static async Task RemoveStaleSocketAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return;
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                await probe.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                File.Delete(path);
                return;
            }
        }
        throw new IOException($"unix socket {path} is in use by a running server");
    }

    /// <summary>Stops the server, closes its connections and removes its socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        Cluster.Dispose();
        if (UnixSocketPath is { } path && File.Exists(path)) File.Delete(path);
    }
}
