using Fleet.Core;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace Fleet.Facade.Wiring;

/// <summary>
/// One connected <see cref="FleetApiClient"/> for a dependency-injection container: it connects
/// on first use (so registering never does I/O), hands the same client to every caller, tries
/// again on the next call after a failed connection, and disposes the client with the container.
/// </summary>
public sealed class FleetClientSource : IAsyncDisposable
{
    private readonly Either<APIError, FleetSettings> settings;
    private readonly ILogger? logger;
    private readonly SemaphoreSlim connecting = new(1, 1);
    private FleetApiClient? client;
    private bool disposed;

    /// <summary>A source for the given settings.</summary>
    /// <param name="settings">The settings, or why they could not be read (thrown on first use).</param>
    /// <param name="loggerFactory">Logs the HTTP exchanges (category <c>Fleet</c>) when <see cref="FleetSettings.Debug"/> is on.</param>
    public FleetClientSource(Either<APIError, FleetSettings> settings, ILoggerFactory? loggerFactory = null)
    {
        this.settings = settings;
        logger = loggerFactory?.CreateLogger("Fleet");
    }

    /// <summary>The client, connected on the first call.</summary>
    /// <param name="cancellationToken">Cancels waiting for the connection.</param>
    /// <returns>The shared client.</returns>
    /// <exception cref="ArgumentException">The settings are invalid (an unreadable FLEETCTL_ variable, an endpoint that does not parse).</exception>
    public async Task<FleetApiClient> GetClientAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (client is { } ready) return ready;
        await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (client is { } raced) return raced;
            var options = settings.Bind(s => s.ToClientOptions(logger)).Match(o => o, error => throw new ArgumentException(error.Message));
            client = await FleetApiClient.ConnectAsync(options.Endpoint, options.Options, cancellationToken).ConfigureAwait(false);
            return client;
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
        if (disposed) return;
        disposed = true;
        if (client is { } open) await open.DisposeAsync().ConfigureAwait(false);
    }
}
