using Fleet.Core;
using Fleet.Facade;
using LanguageExt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

// In the container's own namespace, as every AddX extension is, so that AddFleet is found where services are configured.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers fleet's client in a dependency-injection container.</summary>
public static class FleetServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="FleetClientSource"/> whose settings bind from
    /// <paramref name="configuration"/> (a section holding <see cref="FleetSettings"/>' names;
    /// timeouts in seconds, as fleetctl's flags take them, or as <c>hh:mm:ss</c>),
    /// with fleetctl's <c>FLEETCTL_*</c> variables applied over them, as fleetctl applies them over
    /// its defaults. The section is read when the source is first resolved; settings that cannot be
    /// read or are invalid throw a <see cref="FleetArgumentException"/> there.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configuration">The section to bind, for example <c>configuration.GetSection("Fleet")</c>.</param>
    /// <param name="useFleetctlEnvironment">Whether FLEETCTL_* variables apply (default true).</param>
    /// <returns>The container, for chaining.</returns>
    public static IServiceCollection AddFleet(this IServiceCollection services, IConfiguration configuration, bool useFleetctlEnvironment = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddFleet(_ =>
        {
            var bound = FleetConfiguration.Bind(configuration);
            return useFleetctlEnvironment ? bound.Bind(b => FleetctlEnvironment.Apply(b)) : bound;
        });
    }

    /// <summary>
    /// Registers a <see cref="FleetClientSource"/> for settings made in code; invalid settings
    /// throw a <see cref="FleetArgumentException"/> when the source is first resolved.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The container, for chaining.</returns>
    public static IServiceCollection AddFleet(this IServiceCollection services, FleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return services.AddFleet(_ => settings);
    }

    private static IServiceCollection AddFleet(this IServiceCollection services, Func<IServiceProvider, Either<APIError, FleetSettings>> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(provider => new FleetClientSource(
            settings(provider).Match(s => s, error => throw error.ToException()),
            provider.GetService<ILoggerFactory>()));
        return services;
    }
}
