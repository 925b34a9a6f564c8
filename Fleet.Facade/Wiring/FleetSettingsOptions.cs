using Fleet.Core;
using Fleet.Ssh;
using Fleet.Transport;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace Fleet.Facade;

/// <summary>From fleetctl-style settings to what a client connects with.</summary>
public static class FleetSettingsOptions
{
    /// <summary>The parsed endpoint and the client options the settings describe.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="logger">
    /// Where exchanges are logged, whatever <see cref="FleetSettings.Debug"/> says: the logger's own
    /// level decides (one line per exchange at Debug, bodies at Trace only).
    /// </param>
    /// <returns>The endpoint and options, or a Validation error for a driver other than the API, an endpoint that does not parse or a timeout that is not positive.</returns>
    public static Either<APIError, (FleetEndpoint Endpoint, FleetClientOptions Options)> ToClientOptions(this FleetSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Driver != FleetSettings.ApiDriver) return WrongDriver(settings.Driver, nameof(ToRegistryOptions));
        if (Timeouts(settings) is { } invalid) return invalid;
        return FleetEndpoint.Parse(settings.Endpoint).Map(endpoint =>
        {
            var transport = HttpTransportOptions.Default with
            {
                RequestTimeout = settings.RequestTimeout,
                Tls = new TlsOptions(Empty(settings.CaFile), Empty(settings.CertFile), Empty(settings.KeyFile)),
                Connector = settings.ToSshOptions() is { Tunnel: not null } tunnel ? SshTunnel.Connector(tunnel) : null,
            };
            return (endpoint, new FleetClientOptions { Transport = transport, Logger = logger });
        });
    }

    /// <summary>
    /// The etcd members and registry options the settings describe, for the
    /// <see cref="FleetSettings.EtcdDriver"/>: the comma-separated <see cref="FleetSettings.Endpoint"/>,
    /// the key prefix, the request timeout as the etcd client's per-request timeout, the TLS files
    /// (always verified) and the SSH tunnel.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="logger">Where etcd exchanges are logged; the logger's own level decides.</param>
    /// <returns>The members and options, or a Validation error for another driver or a timeout that is not positive.</returns>
    public static Either<APIError, (IReadOnlyList<string> Endpoints, FleetRegistryOptions Options)> ToRegistryOptions(this FleetSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Driver != FleetSettings.EtcdDriver) return WrongDriver(settings.Driver, nameof(ToClientOptions));
        if (Timeouts(settings) is { } invalid) return invalid;
        var etcd = EtcdClientOptions.Default with
        {
            RequestTimeout = settings.RequestTimeout,
            Tls = new TlsOptions(Empty(settings.CaFile), Empty(settings.CertFile), Empty(settings.KeyFile)),
            Connector = settings.ToSshOptions() is { Tunnel: not null } tunnel ? SshTunnel.Connector(tunnel) : null,
            Logger = logger,
        };
        IReadOnlyList<string> endpoints = settings.Endpoint.Split(',');
        return (endpoints, new FleetRegistryOptions { KeyPrefix = settings.EtcdKeyPrefix, Etcd = etcd });
    }

    /// <summary>
    /// Connects as the settings describe, over either driver: fleet's API
    /// (<see cref="ToClientOptions"/>) or fleet's registry in etcd (<see cref="ToRegistryOptions"/>).
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="logger">Where exchanges are logged; the logger's own level decides.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connected client, or why the settings cannot be used or fleet cannot be reached.</returns>
    public static async Task<Either<APIError, FleetClient>> ConnectAsync(this FleetSettings settings, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Driver == FleetSettings.EtcdDriver)
        {
            if (settings.ToRegistryOptions(logger).Failed(out var registry, out var invalid)) return invalid;
            return await FleetClient.ConnectToRegistryAsync(registry.Endpoints, registry.Options, cancellationToken).ConfigureAwait(false);
        }
        if (settings.ToClientOptions(logger).Failed(out var api, out var error)) return error;
        return await FleetClient.ConnectAsync(api.Endpoint, api.Options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The SSH options the settings describe (fleetctl's <c>--tunnel</c>, <c>--ssh-username</c>,
    /// <c>--known-hosts-file</c>, <c>--strict-host-key-checking</c>, <c>--ssh-timeout</c>), for the
    /// tunnel to fleet and for sessions with the cluster's machines.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The options; their <see cref="SshTunnelOptions.Tunnel"/> is null when the settings name no tunnel.</returns>
    public static SshTunnelOptions ToSshOptions(this FleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SshTunnelOptions
        {
            Tunnel = string.IsNullOrWhiteSpace(settings.Tunnel) ? null : settings.Tunnel,
            User = settings.SshUsername,
            ConnectTimeout = settings.SshTimeout,
            KnownHostsFile = settings.KnownHostsFile,
            StrictHostKeyChecking = settings.StrictHostKeyChecking,
        };
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // fleetctl's words for a driver it does not know; a known driver asked of the other method says which to call.
    private static APIError WrongDriver(string driver, string other) =>
        driver is FleetSettings.ApiDriver or FleetSettings.EtcdDriver
            ? APIError.Validation($"the {driver} driver's options come from {other}") with { Parameter = "settings" }
            : APIError.Validation($"unrecognized driver {Core.Text.GoQuoting.Quote(driver)}");

    private static APIError? Timeouts(FleetSettings settings) =>
        settings.RequestTimeout <= TimeSpan.Zero ? APIError.Validation($"the request timeout must be more than zero, not {settings.RequestTimeout}")
        : settings.SshTimeout <= TimeSpan.Zero ? APIError.Validation($"the SSH timeout must be more than zero, not {settings.SshTimeout}")
        : null;
}
