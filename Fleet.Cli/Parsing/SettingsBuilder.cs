using System.CommandLine;
using Fleet.Cli.Remote;
using Fleet.Core;
using Fleet.Facade;
using Fleet.Ssh;
using Microsoft.Extensions.Logging;

namespace Fleet.Cli.Parsing;

/// <summary>
/// fleetctl's client initialisation (<c>getClient</c>): <c>FLEETCTL_*</c> variables first, flags
/// over them, then the driver and the endpoint checked. Nothing is connected here, as in fleetctl,
/// whose client opens its first connection with its first request.
/// </summary>
internal static class SettingsBuilder
{
    /// <summary>The client setup, or fleetctl's reason why the client cannot be initialised.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="options">The global flags.</param>
    /// <param name="context">The environment variables, and the terminal that answers fleetctl's host-key question.</param>
    /// <param name="debugLog">Where exchanges are logged when <c>--debug</c> (or <c>FLEETCTL_DEBUG</c>) is on.</param>
    /// <returns>The setup, or the text after <c>Unable to initialize client: </c>.</returns>
    public static (ClientSetup? Setup, string? Error) Build(ParseResult parse, GlobalOptions options, CliContext context, ILogger debugLog)
    {
        var (settings, error) = Settings(parse, options, context.Variables);
        if (settings is null) return (null, error);
        // The settings pass on any logger they are given: --debug decides here whether there is one.
        var logger = settings.Debug ? debugLog : null;
        if (settings.Driver == FleetSettings.EtcdDriver) return Registry(settings, context, logger);
        return settings.ToClientOptions(logger).Match(
            Left: failure => ((ClientSetup?)null, (string?)failure.Message),
            Right: parsed =>
            {
                var client = parsed.Options;
                if (client.Transport.Connector is not null)
                {
                    // The settings' tunnel, with this run's agent, home folder and host-key question.
                    client = client with { Transport = client.Transport with { Connector = SshTunnel.Connector(Ssh(settings, context)) } };
                }
                return (new ClientSetup(parsed.Endpoint, client), null);
            });
    }

    // fleetctl's getRegistryClient: every member checked as Go's url.Parse checks it, the tunnel
    // carrying etcd's requests as it carries the API's.
    private static (ClientSetup? Setup, string? Error) Registry(FleetSettings settings, CliContext context, ILogger? logger)
    {
        if (EtcdEndpoints.Problem(settings.Endpoint) is { } problem) return (null, problem);
        if (settings.ToRegistryOptions(logger).Failed(out var registry, out var invalid)) return (null, invalid.Message);
        var options = registry.Options;
        if (options.Etcd.Connector is not null)
        {
            options = options with { Etcd = options.Etcd with { Connector = SshTunnel.Connector(Ssh(settings, context)) } };
        }
        if (FleetEndpoint.Parse(registry.Endpoints[0]).Failed(out var first, out var error)) return (null, error.Message);
        return (new ClientSetup(first, new FleetClientOptions { Logger = logger }) { Registry = new RegistrySetup(registry.Endpoints, options) }, null);
    }

    /// <summary>
    /// The global flags over the <c>FLEETCTL_*</c> variables, as fleetctl's <c>getFlagsFromEnv</c>
    /// leaves them, or why a variable cannot be read.
    /// </summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="options">The global flags.</param>
    /// <param name="variables">The process's environment variables.</param>
    /// <returns>The settings, or the text after <c>Unable to initialize client: </c>.</returns>
    public static (FleetSettings? Settings, string? Error) Settings(ParseResult parse, GlobalOptions options, IReadOnlyDictionary<string, string> variables)
    {
        return FleetctlEnvironment.Apply(new FleetSettings(), variables).Match(
            Left: error => ((FleetSettings?)null, (string?)error.Message),
            Right: environment =>
            {
                var settings = environment with
                {
                    Endpoint = parse.GetValue(options.Endpoint) ?? environment.Endpoint,
                    Tunnel = parse.GetValue(options.Tunnel) ?? environment.Tunnel,
                    SshUsername = parse.GetValue(options.SshUsername) ?? environment.SshUsername,
                    KnownHostsFile = parse.GetValue(options.KnownHostsFile) ?? environment.KnownHostsFile,
                    StrictHostKeyChecking = parse.GetValue(options.StrictHostKeyChecking) ?? environment.StrictHostKeyChecking,
                    SshTimeout = parse.GetValue(options.SshTimeout) is { } ssh ? TimeSpan.FromSeconds(ssh) : environment.SshTimeout,
                    RequestTimeout = parse.GetValue(options.RequestTimeout) is { } request ? TimeSpan.FromSeconds(request) : environment.RequestTimeout,
                    CaFile = parse.GetValue(options.CaFile) ?? parse.GetValue(options.EtcdCaFile) ?? environment.CaFile,
                    CertFile = parse.GetValue(options.CertFile) ?? parse.GetValue(options.EtcdCertFile) ?? environment.CertFile,
                    KeyFile = parse.GetValue(options.KeyFile) ?? parse.GetValue(options.EtcdKeyFile) ?? environment.KeyFile,
                    Debug = parse.GetValue(options.Debug) ?? environment.Debug,
                    Driver = parse.GetValue(options.Driver) ?? environment.Driver,
                    EtcdKeyPrefix = parse.GetValue(options.EtcdKeyPrefix) ?? environment.EtcdKeyPrefix,
                };
                // fleetctl's API driver uses only the first of several comma-separated endpoints; its etcd driver, every one.
                return (settings.Driver == FleetSettings.EtcdDriver ? settings : settings with { Endpoint = settings.Endpoint.Split(',')[0] }, null);
            });
    }

    /// <summary>
    /// How this run opens SSH sessions, with the tunnel (when <c>--tunnel</c> names one) and to the
    /// cluster's machines: the settings' user, known_hosts file, strict checking and timeout; the
    /// ssh-agent and home folder of this run's environment; and fleetctl's question about a host
    /// key the known_hosts file does not hold.
    /// </summary>
    /// <param name="settings">The merged settings.</param>
    /// <param name="context">The environment, and the terminal that answers the question.</param>
    /// <returns>The SSH options; <see cref="SshTunnelOptions.Tunnel"/> is the tunnel host, or null.</returns>
    public static SshTunnelOptions Ssh(FleetSettings settings, CliContext context) => settings.ToSshOptions() with
    {
        ConfirmUnknownHostKey = HostKeyQuestion.For(context),
        // Empty, not the process's own, when this run's environment has none: the environment given is the one that counts.
        AgentSocket = Variable(context.Variables, "SSH_AUTH_SOCK") ?? "",
        HomeDirectory = Variable(context.Variables, "HOME"),
    };

    private static string? Variable(IReadOnlyDictionary<string, string> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
