using System.Collections;
using Fleet.Core;
using LanguageExt;

namespace Fleet.Facade;

/// <summary>
/// fleetctl's environment variables: every global flag as <c>FLEETCTL_</c> and its name in
/// capitals with <c>_</c> for <c>-</c> (<c>FLEETCTL_ENDPOINT</c>, <c>FLEETCTL_TUNNEL</c>,
/// <c>FLEETCTL_SSH_USERNAME</c>, <c>FLEETCTL_KNOWN_HOSTS_FILE</c>,
/// <c>FLEETCTL_STRICT_HOST_KEY_CHECKING</c>, <c>FLEETCTL_SSH_TIMEOUT</c>,
/// <c>FLEETCTL_REQUEST_TIMEOUT</c>, <c>FLEETCTL_CA_FILE</c>, <c>FLEETCTL_CERT_FILE</c>,
/// <c>FLEETCTL_KEY_FILE</c>, <c>FLEETCTL_DEBUG</c>, <c>FLEETCTL_DRIVER</c>, <c>FLEETCTL_ETCD_KEY_PREFIX</c>). An empty variable counts as unset, as in
/// fleetctl. Where fleetctl silently keeps the default for a value it cannot read, this says
/// which variable holds what.
/// </summary>
public static class FleetctlEnvironment
{
    /// <summary>The settings with every <c>FLEETCTL_*</c> variable of this process applied over <paramref name="settings"/>.</summary>
    /// <param name="settings">The starting point; fleetctl's defaults when null.</param>
    /// <returns>The settings, or a Validation error naming the variable that could not be read.</returns>
    public static Either<APIError, FleetSettings> Apply(FleetSettings? settings = null)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables()) variables[(string)entry.Key] = (string?)entry.Value ?? "";
        return Apply(settings ?? new FleetSettings(), variables);
    }

    /// <summary>The settings with the <c>FLEETCTL_*</c> entries of <paramref name="variables"/> applied.</summary>
    /// <param name="settings">The starting point.</param>
    /// <param name="variables">Environment variables by name.</param>
    /// <returns>The settings, or a Validation error naming the variable that could not be read.</returns>
    public static Either<APIError, FleetSettings> Apply(FleetSettings settings, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(variables);
        string? Get(string name) => variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var result = settings with
        {
            Endpoint = Get("FLEETCTL_ENDPOINT") ?? settings.Endpoint,
            Tunnel = Get("FLEETCTL_TUNNEL") ?? settings.Tunnel,
            SshUsername = Get("FLEETCTL_SSH_USERNAME") ?? settings.SshUsername,
            KnownHostsFile = Get("FLEETCTL_KNOWN_HOSTS_FILE") ?? settings.KnownHostsFile,
            CaFile = Get("FLEETCTL_CA_FILE") ?? settings.CaFile,
            CertFile = Get("FLEETCTL_CERT_FILE") ?? settings.CertFile,
            KeyFile = Get("FLEETCTL_KEY_FILE") ?? settings.KeyFile,
            Driver = Get("FLEETCTL_DRIVER") ?? settings.Driver,
            EtcdKeyPrefix = Get("FLEETCTL_ETCD_KEY_PREFIX") ?? settings.EtcdKeyPrefix,
        };

        if (Get("FLEETCTL_STRICT_HOST_KEY_CHECKING") is { } strict)
        {
            if (Core.Text.GoStrconv.ParseBool(strict) is not { } value) return NotA("FLEETCTL_STRICT_HOST_KEY_CHECKING", strict, "true or false");
            result = result with { StrictHostKeyChecking = value };
        }
        if (Get("FLEETCTL_DEBUG") is { } debug)
        {
            if (Core.Text.GoStrconv.ParseBool(debug) is not { } value) return NotA("FLEETCTL_DEBUG", debug, "true or false");
            result = result with { Debug = value };
        }
        if (Get("FLEETCTL_SSH_TIMEOUT") is { } ssh)
        {
            if (GoFlagValues.Seconds(ssh) is not { } value) return NotA("FLEETCTL_SSH_TIMEOUT", ssh, "a number of seconds");
            result = result with { SshTimeout = value };
        }
        if (Get("FLEETCTL_REQUEST_TIMEOUT") is { } request)
        {
            if (GoFlagValues.Seconds(request) is not { } value) return NotA("FLEETCTL_REQUEST_TIMEOUT", request, "a number of seconds");
            result = result with { RequestTimeout = value };
        }
        return result;
    }

    private static APIError NotA(string variable, string value, string what) =>
        APIError.Validation($"{variable}={Core.Text.GoQuoting.Quote(value)} is not {what}");
}
