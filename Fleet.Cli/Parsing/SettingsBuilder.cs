using System.CommandLine;
using Fleet.Facade.Wiring;
using Microsoft.Extensions.Logging;

namespace Fleet.Cli.Parsing;

/// <summary>
/// fleetctl's client initialisation (<c>getClient</c>): <c>FLEETCTL_*</c> variables first, flags
/// over them, then the driver and the endpoint checked. Nothing is connected here, as in fleetctl,
/// whose client opens its first connection with its first request.
/// </summary>
internal static class SettingsBuilder
{
    /// <summary>The only driver offered: fleet's HTTP API (fleetctl's other one talks to etcd directly).</summary>
    public const string ApiDriver = "API";

    /// <summary>The client setup, or fleetctl's reason why the client cannot be initialised.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="options">The global flags.</param>
    /// <param name="variables">The process's environment variables.</param>
    /// <param name="debugLog">Where exchanges are logged when <c>--debug</c> (or <c>FLEETCTL_DEBUG</c>) is on.</param>
    /// <returns>The setup, or the text after <c>Unable to initialize client: </c>.</returns>
    public static (ClientSetup? Setup, string? Error) Build(ParseResult parse, GlobalOptions options, IReadOnlyDictionary<string, string> variables, ILogger debugLog)
    {
        var driver = parse.GetValue(options.Driver) ?? Variable(variables, "FLEETCTL_DRIVER") ?? ApiDriver;
        if (driver != ApiDriver) return (null, $"unrecognized driver {Quote(driver)}");

        return FleetctlEnvironment.Apply(new FleetSettings(), variables).Match(
            Left: error => (null, error.Message),
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
                };
                // fleetctl uses only the first of several comma-separated endpoints.
                settings = settings with { Endpoint = settings.Endpoint.Split(',')[0] };
                return settings.ToClientOptions(debugLog).Match(
                    Left: error => ((ClientSetup?)null, (string?)error.Message),
                    Right: parsed => (new ClientSetup(parsed.Endpoint, parsed.Options), null));
            });
    }

    private static string? Variable(IReadOnlyDictionary<string, string> variables, string name) =>
        variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static string Quote(string text) => Core.Text.GoQuoting.Quote(text);
}
