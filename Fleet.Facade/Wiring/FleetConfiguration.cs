using System.Globalization;
using Fleet.Core;
using LanguageExt;
using Microsoft.Extensions.Configuration;

namespace Fleet.Facade;

/// <summary>
/// <see cref="FleetSettings"/> from a configuration section. The binder reads a bare number as a
/// TimeSpan of days; fleetctl's users write timeouts in seconds, so a bare number is seconds here.
/// </summary>
public static class FleetConfiguration
{
    /// <summary>Binds a section: every <see cref="FleetSettings"/> name, timeouts in seconds or <c>hh:mm:ss</c>.</summary>
    /// <param name="section">The section, for example <c>configuration.GetSection("Fleet")</c>.</param>
    /// <returns>The settings, or a Validation error naming a timeout that is neither.</returns>
    public static Either<APIError, FleetSettings> Bind(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var timeouts = new[] { nameof(FleetSettings.RequestTimeout), nameof(FleetSettings.SshTimeout) };
        var settings = new FleetSettings();
        // The binder sees the rest; the timeouts are read here.
        var rest = new ConfigurationBuilder().AddInMemoryCollection(
            section.AsEnumerable(makePathsRelative: true).Where(entry => !timeouts.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))).Build();
        rest.Bind(settings);
        foreach (var name in timeouts)
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
