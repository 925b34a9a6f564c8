using Fleet.Core;
using Fleet.Simulator.Cluster;
using Fleet.Simulator.Registry;
using Fleet.Transport.Registry;

namespace Fleet.Simulator.Hosting;

/// <summary>What <c>serve --etcd</c> runs: the etcd URLs, the registry's prefix, how many machines and from which, and where fleet's API is served, if anywhere.</summary>
internal sealed record EtcdFleetHostOptions(IReadOnlyList<string> Endpoints, string KeyPrefix, int MachineCount)
{
    /// <summary>The first machine when none is given: the reference cluster's first.</summary>
    public const int DefaultFirstMachine = 1;

    /// <summary>The position, from 1, of the first machine in <see cref="ReferenceCluster.Take(int)"/>'s sequence.</summary>
    public int FirstMachine { get; init; } = DefaultFirstMachine;

    /// <summary>The unix socket to serve fleet's API on, absolute; none when null.</summary>
    public string? UnixSocketPath { get; init; }

    /// <summary>The TCP address to serve fleet's API on; none when null.</summary>
    public System.Net.IPEndPoint? TcpEndPoint { get; init; }

    /// <summary>Checks a first machine's position: 1 or more.</summary>
    public static string? ValidateFirstMachine(int position) =>
        position < 1 ? $"the first machine's position must be 1 or more, not {position}" : null;

    /// <summary>The time between passes, as the reference cluster's stand-in acted.</summary>
    public static int IntervalMilliseconds => (int)EtcdFleetOptions.DefaultInterval.TotalMilliseconds;
}

/// <summary>Runs an <see cref="EtcdFleet"/> the way <c>serve --etcd</c> does: announce, pass, stop on request.</summary>
internal static class EtcdFleetHost
{
    /// <summary>
    /// Starts the engine and agents of <see cref="ReferenceCluster.Take(int, int)"/>'s machines over the
    /// registry, and fleet's API over it when asked, writes <c>fleet API on ENDPOINT</c> per
    /// endpoint, <c>fleet engine and agents on etcd URLS under PREFIX</c> and <c>machines: N</c>,
    /// and runs until <paramref name="cancellationToken"/> is cancelled or the process gets SIGINT
    /// or SIGTERM; then it purges as a stopping fleetd does (its machines' unit states, heartbeats
    /// and registrations removed, the engine lease released if it leads).
    /// </summary>
    /// <returns>The exit code: 0 after a requested stop, 1 when etcd could not be used or an endpoint could not be bound (the reason on <paramref name="error"/>).</returns>
    public static async Task<int> ServeUntilStoppedAsync(EtcdFleetHostOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var signals = new ShutdownSignals();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Token);
        var registry = new FleetRegistryOptions { KeyPrefix = options.KeyPrefix };
        LanguageExt.Either<APIError, EtcdFleet> started;
        try
        {
            var fleetOptions = new EtcdFleetOptions { Registry = registry, UnixSocketPath = options.UnixSocketPath, TcpEndPoint = options.TcpEndPoint };
            started = await EtcdFleet.StartAsync(ReferenceCluster.Take(options.MachineCount, options.FirstMachine), options.Endpoints, fleetOptions, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await error.WriteLineAsync($"cannot listen: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        if (started.Failed(out var fleet, out var failure))
        {
            await error.WriteLineAsync($"--etcd: {failure.Message}").ConfigureAwait(false);
            return 1;
        }
        await using (fleet.ConfigureAwait(false))
        {
            if (fleet.UnixSocketPath is { } path) await output.WriteLineAsync($"fleet API on unix://{path}").ConfigureAwait(false);
            if (fleet.TcpEndPoint is { } tcp) await output.WriteLineAsync($"fleet API on http://{tcp}").ConfigureAwait(false);
            await output.WriteLineAsync($"fleet engine and agents on etcd {string.Join(',', options.Endpoints)} under {fleet.KeyPrefix}").ConfigureAwait(false);
            await output.WriteLineAsync($"machines: {fleet.Machines.Count}").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        return 0;
    }
}
