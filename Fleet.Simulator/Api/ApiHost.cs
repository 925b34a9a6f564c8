using System.Net;
using System.Net.Sockets;
using Fleet.Simulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Fleet.Simulator.Api;

/// <summary>
/// Kestrel serving a <see cref="FleetApi"/> on a unix socket, TCP, or both, with Go's wire
/// format in front (<see cref="GoWireFormat"/>): what <see cref="FleetServer"/> and
/// <see cref="Registry.EtcdFleet"/> each listen with.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiHost(WebApplication app, string? unixSocketPath, IPEndPoint? tcpEndPoint)
    {
        this.app = app;
        UnixSocketPath = unixSocketPath;
        TcpEndPoint = tcpEndPoint;
    }

    /// <summary>The unix socket listened on, if any.</summary>
    public string? UnixSocketPath { get; }

    /// <summary>The TCP address bound (with the port it got), if any.</summary>
    public IPEndPoint? TcpEndPoint { get; }

    /// <summary>
    /// Listens on <paramref name="unixSocketPath"/> and/or <paramref name="tcpEndPoint"/> (port 0:
    /// any free one) and answers as soon as this completes. A stale socket file (nobody listening)
    /// is replaced; one a running server answers on is refused.
    /// </summary>
    /// <exception cref="IOException">The socket path belongs to a running server, or an address cannot be bound.</exception>
    public static async Task<ApiHost> StartAsync(FleetApi api, ServerFaults faults, string? unixSocketPath, IPEndPoint? tcpEndPoint, CancellationToken cancellationToken)
    {
        if (unixSocketPath is not null) await RemoveStaleSocketAsync(unixSocketPath, cancellationToken).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Go takes an absolute-form target's host over the Host header; Kestrel refuses a mismatch unless told.
            kestrel.AllowHostHeaderOverride = true;
            if (unixSocketPath is not null) kestrel.ListenUnixSocket(unixSocketPath, listen => listen.UseGoWireFormat(faults));
            if (tcpEndPoint is not null) kestrel.Listen(tcpEndPoint, listen => listen.UseGoWireFormat(faults));
        });
        var app = builder.Build();
        app.Run(api.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new ApiHost(app, unixSocketPath, tcpEndPoint is null ? null : Bound(app, tcpEndPoint));
    }

    // The port Kestrel got for port 0.
    private static IPEndPoint Bound(WebApplication app, IPEndPoint asked)
    {
        var addresses = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []
            : [];
        var uri = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal) && !a.Contains("unix:", StringComparison.Ordinal)));
        return new IPEndPoint(asked.Address, uri.Port);
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

    /// <summary>Stops listening, closes the connections and removes the socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        if (UnixSocketPath is { } path && File.Exists(path)) File.Delete(path);
    }
}
