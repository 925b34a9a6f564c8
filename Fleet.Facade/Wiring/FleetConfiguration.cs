using System.Globalization;
using Fleet.Core;
using LanguageExt;
using Microsoft.Extensions.Configuration;

namespace Fleet.Facade;

/// <summary>
/// <see cref="FleetSettings"/> from a configuration section. ConfigurationBinder would read a bare
/// number as a TimeSpan of days; fleetctl's users write timeouts in seconds, so a bare number is seconds here.
/// </summary>
public static class FleetConfiguration
{
    /// <summary>Binds a section: every <see cref="FleetSettings"/> name, timeouts in seconds or <c>hh:mm:ss</c>.</summary>
    /// <param name="section">The section, for example <c>configuration.GetSection("Fleet")</c>.</param>
    /// <returns>The settings, or a Validation error naming a timeout that is neither, or a flag that is neither true nor false.</returns>
    public static Either<APIError, FleetSettings> Bind(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        // Read by name rather than through ConfigurationBinder, whose reflection cannot be trimmed
        // and whose generated form leaves init-only properties unset. Names match in any case, as the binder's do.
        var defaults = new FleetSettings();
        var settings = defaults with
        {
            Endpoint = section[nameof(FleetSettings.Endpoint)] ?? defaults.Endpoint,
            Tunnel = section[nameof(FleetSettings.Tunnel)] ?? defaults.Tunnel,
            SshUsername = section[nameof(FleetSettings.SshUsername)] ?? defaults.SshUsername,
            KnownHostsFile = section[nameof(FleetSettings.KnownHostsFile)] ?? defaults.KnownHostsFile,
            CaFile = section[nameof(FleetSettings.CaFile)] ?? defaults.CaFile,
            CertFile = section[nameof(FleetSettings.CertFile)] ?? defaults.CertFile,
            KeyFile = section[nameof(FleetSettings.KeyFile)] ?? defaults.KeyFile,
            Driver = section[nameof(FleetSettings.Driver)] ?? defaults.Driver,
            EtcdKeyPrefix = section[nameof(FleetSettings.EtcdKeyPrefix)] ?? defaults.EtcdKeyPrefix,
        };
        foreach (var name in new[] { nameof(FleetSettings.StrictHostKeyChecking), nameof(FleetSettings.Debug) })
        {
            if (section[name] is not { } text) continue;
            if (!bool.TryParse(text, out var value)) return APIError.Validation($"{name}={Core.Text.GoQuoting.Quote(text)} is neither true nor false");
            settings = name == nameof(FleetSettings.Debug) ? settings with { Debug = value } : settings with { StrictHostKeyChecking = value };
        }
        foreach (var name in new[] { nameof(FleetSettings.RequestTimeout), nameof(FleetSettings.SshTimeout) })
        {
            if (section[name] is not { Length: > 0 } text) continue;
            if (Seconds(text) is not { } value) return APIError.Validation($"{name}={Core.Text.GoQuoting.Quote(text)} is neither a number of seconds nor hh:mm:ss");
            settings = name == nameof(FleetSettings.RequestTimeout) ? settings with { RequestTimeout = value } : settings with { SshTimeout = value };
        }
        return settings;
    }

    private static TimeSpan? Seconds(string text) =>
        GoFlagValues.Seconds(text) ?? (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null);
}
