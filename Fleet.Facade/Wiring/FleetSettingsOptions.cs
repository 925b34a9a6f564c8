using Fleet.Core;
using Fleet.Ssh;
using Fleet.Transport;
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
        if (settings.Driver != FleetSettings.ApiDriver) return APIError.Validation($"unrecognized driver {Core.Text.GoQuoting.Quote(settings.Driver)}");
        if (settings.RequestTimeout <= TimeSpan.Zero) return APIError.Validation($"the request timeout must be more than zero, not {settings.RequestTimeout}");
        if (settings.SshTimeout <= TimeSpan.Zero) return APIError.Validation($"the SSH timeout must be more than zero, not {settings.SshTimeout}");
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
}
