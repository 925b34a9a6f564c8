using Microsoft.Extensions.Logging;

namespace Fleet.Facade;

/// <summary>
/// One connected <see cref="FleetApiClient"/> for a dependency-injection container: it connects
/// on first use (so registering never does I/O), hands the same client to every caller, tries
/// again on the next call after a failed connection, and disposes the client with the container,
/// whether the container is disposed asynchronously or not.
/// </summary>
public sealed class FleetClientSource : IAsyncDisposable, IDisposable
{
    private readonly FleetSettings settings;
    private readonly ILogger? logger;
    private readonly SemaphoreSlim connecting = new(1, 1);
    private FleetApiClient? client;
    private int disposed;

    /// <summary>A source for the given settings, checked here: no connection is made until the first <see cref="GetClientAsync"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="loggerFactory">
    /// Logs the HTTP exchanges in category <c>Fleet</c> as its configuration says: one line each
    /// at Debug, bodies at Trace only; <see cref="FleetSettings.Debug"/> plays no part.
    /// </param>
    /// <exception cref="ArgumentException">The settings are invalid (an endpoint that does not parse, a timeout that is not positive): a <see cref="FleetArgumentException"/>.</exception>
    public FleetClientSource(FleetSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        logger = loggerFactory?.CreateLogger("Fleet");
        // Settings that cannot be used are refused here, before anything connects.
        var usable = settings.Driver == FleetSettings.EtcdDriver
            ? settings.ToRegistryOptions(logger).Map(_ => settings)
            : settings.ToClientOptions(logger).Map(_ => settings);
        this.settings = usable.Match(s => s, error => throw error.ToException());
    }

    private bool IsDisposed => Volatile.Read(ref disposed) != 0;

    /// <summary>The client, connected on the first call.</summary>
    /// <param name="cancellationToken">Cancels waiting for the connection.</param>
    /// <returns>The shared client.</returns>
    /// <exception cref="ObjectDisposedException">The container was disposed, before or while connecting.</exception>
    public async Task<FleetApiClient> GetClientAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (Volatile.Read(ref client) is { } ready) return ready;
        await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            if (client is { } raced) return raced;
            var connected = new FleetApiClient(await settings.ConnectAsync(logger, cancellationToken).OrThrowAsync().ConfigureAwait(false));
            // Disposal does not wait for a connection under way; one made meanwhile is closed here.
            if (IsDisposed)
            {
                await connected.DisposeAsync().ConfigureAwait(false);
                throw new ObjectDisposedException(nameof(FleetClientSource));
            }
            // A full fence, so that the check below cannot be read before this write is seen.
            Interlocked.Exchange(ref client, connected);
            // A disposal between the check and the write found no client to close: close it here.
            if (IsDisposed && Interlocked.Exchange(ref client, null) is { } late)
            {
                await late.DisposeAsync().ConfigureAwait(false);
                throw new ObjectDisposedException(nameof(FleetClientSource));
            }
            return connected;
        }
        finally
        {
            connecting.Release();
        }
    }

    /// <summary>Disposes the client, if one was connected.</summary>
    /// <returns>When it is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        if (Interlocked.Exchange(ref client, null) is { } open) await open.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// For a container disposed synchronously: closes the client's connections at once, without
    /// waiting on them (see <see cref="FleetClient.Dispose"/>).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        Interlocked.Exchange(ref client, null)?.Dispose();
    }
}
