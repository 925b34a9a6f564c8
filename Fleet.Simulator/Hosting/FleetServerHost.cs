namespace Fleet.Simulator.Hosting;

/// <summary>Runs a <see cref="FleetServer"/> the way a standalone process does: announce, serve, stop on request.</summary>
internal static class FleetServerHost
{
    /// <summary>
    /// Starts a server, writes <see cref="Announce"/>'s lines to <paramref name="output"/>, serves
    /// until <paramref name="stopToken"/> is cancelled, then stops the server, which removes its
    /// socket file. Being stopped is the normal end, before or after the server is up: it does not throw.
    /// </summary>
    /// <exception cref="IOException">An endpoint could not be bound (for instance the port is taken).</exception>
    public static async Task RunAsync(FleetServerOptions options, TextWriter output, CancellationToken stopToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        FleetServer server;
        try
        {
            server = await FleetServer.StartAsync(options, stopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            return;
        }
        await using (server.ConfigureAwait(false))
        {
            foreach (var line in Announce(server)) await output.WriteLineAsync(line).ConfigureAwait(false);
            // Whoever started the process waits for these lines; a pipe does not flush by itself.
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, stopToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// <see cref="RunAsync"/> as a process's main job: it also stops on SIGTERM (service managers
    /// stop with it, not only Ctrl+C), and a bind failure is a line on <paramref name="error"/> and
    /// exit code 1 rather than a stack trace.
    /// </summary>
    /// <returns>The exit code: 0 after a requested stop, 1 when an endpoint could not be bound.</returns>
    public static async Task<int> ServeUntilStoppedAsync(FleetServerOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var signals = new ShutdownSignals();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signals.Token);
        try
        {
            await RunAsync(options, output, stop.Token).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await error.WriteLineAsync($"cannot listen: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// What a started server tells whoever launched it: a <c>fleet API on ENDPOINT</c> line per
    /// endpoint (<c>unix://PATH</c>, <c>http://HOST:PORT</c> with the port it got), then <c>machines: N</c>.
    /// </summary>
    public static IReadOnlyList<string> Announce(FleetServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var lines = new List<string>(3);
        if (server.UnixSocketPath is { } path) lines.Add($"fleet API on unix://{path}");
        if (server.TcpEndPoint is { } tcp) lines.Add($"fleet API on http://{tcp}");
        lines.Add($"machines: {server.Cluster.Machines.Count}");
        return lines;
    }
}
