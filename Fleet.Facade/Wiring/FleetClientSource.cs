using Fleet.Core;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace Fleet.Facade.Wiring;

/// <summary>
/// One connected <see cref="FleetApiClient"/> for a dependency-injection container: it connects
/// on first use (so registering never does I/O), hands the same client to every caller, tries
/// again on the next call after a failed connection, and disposes the client with the container.
/// </summary>
public sealed class FleetClientSource : IAsyncDisposable, IDisposable
{
    private readonly Either<APIError, FleetSettings> settings;
    private readonly ILogger? logger;
    private readonly SemaphoreSlim connecting = new(1, 1);
    private FleetApiClient? client;
    private int disposed;

    /// <summary>A source for the given settings.</summary>
    /// <param name="settings">The settings, or why they could not be read (thrown on first use).</param>
    /// <param name="loggerFactory">Logs the HTTP exchanges (category <c>Fleet</c>) when <see cref="FleetSettings.Debug"/> is on.</param>
    public FleetClientSource(Either<APIError, FleetSettings> settings, ILoggerFactory? loggerFactory = null)
    {
        this.settings = settings;
        logger = loggerFactory?.CreateLogger("Fleet");
    }

    private bool IsDisposed => Volatile.Read(ref disposed) != 0;

    /// <summary>The client, connected on the first call.</summary>
    /// <param name="cancellationToken">Cancels waiting for the connection.</param>
    /// <returns>The shared client.</returns>
    /// <exception cref="ArgumentException">The settings are invalid (an unreadable FLEETCTL_ variable, an endpoint that does not parse).</exception>
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
            var options = settings.Bind(s => s.ToClientOptions(logger)).Match(o => o, error => throw error.ToException());
            var connected = await FleetApiClient.ConnectAsync(options.Endpoint, options.Options, cancellationToken).ConfigureAwait(false);
            // Disposal does not wait for a connection under way; one made meanwhile is closed here.
            if (IsDisposed)
            {
                await connected.DisposeAsync().ConfigureAwait(false);
                throw new ObjectDisposedException(nameof(FleetClientSource));
            }
            Volatile.Write(ref client, connected);
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
    /// For a container disposed synchronously: closes the client's idle connections on the thread
    /// pool rather than blocking on them. Prefer disposing the container asynchronously.
    /// </summary>
    public void Dispose() => _ = DisposeAsync().AsTask();
}
