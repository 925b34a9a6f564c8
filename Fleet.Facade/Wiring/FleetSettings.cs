namespace Fleet.Facade;

/// <summary>
/// fleetctl's global options as settings that bind from configuration (a <c>Fleet</c> section,
/// say) and from fleetctl's own environment variables (<see cref="FleetctlEnvironment"/>), with
/// fleetctl's defaults.
/// </summary>
public sealed record FleetSettings
{
    /// <summary>fleetctl's default endpoint.</summary>
    public const string DefaultEndpoint = "unix:///var/run/fleet.sock";

    /// <summary>Where fleet's API is, as seen from the tunnel host when there is one (<c>--endpoint</c>).</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>An SSH server to reach fleet through, <c>host[:port]</c> (<c>--tunnel</c>); none when empty.</summary>
    public string? Tunnel { get; init; }

    /// <summary>The SSH user (<c>--ssh-username</c>, default <c>core</c>).</summary>
    public string SshUsername { get; init; } = "core";

    /// <summary>The known_hosts file (<c>--known-hosts-file</c>, default <c>~/.fleetctl/known_hosts</c>).</summary>
    public string KnownHostsFile { get; init; } = "~/.fleetctl/known_hosts";

    /// <summary>Whether SSH host keys must be known (<c>--strict-host-key-checking</c>, default true).</summary>
    public bool StrictHostKeyChecking { get; init; } = true;

    /// <summary>How long setting up the SSH session may take (<c>--ssh-timeout</c>, default 10 s).</summary>
    public TimeSpan SshTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take (<c>--request-timeout</c>, default 3 s, fleetctl's).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A PEM file of the certificate authorities for an https endpoint (<c>--ca-file</c>).</summary>
    public string? CaFile { get; init; }

    /// <summary>A PEM client certificate for an https endpoint (<c>--cert-file</c>).</summary>
    public string? CertFile { get; init; }

    /// <summary>The PEM key of <see cref="CertFile"/> (<c>--key-file</c>).</summary>
    public string? KeyFile { get; init; }

    /// <summary>
    /// fleetctl's <c>--debug</c> (<c>FLEETCTL_DEBUG</c>): the command line prints every HTTP exchange
    /// on standard error when it is on. A client built from these settings in code or by
    /// <c>AddFleet</c> ignores it: its exchanges go to its logger (category <c>Fleet</c>) whenever
    /// the logging configuration enables Debug there, one line each, with bodies at Trace only,
    /// since unit files can hold secrets in <c>Environment=</c> lines.
    /// </summary>
    public bool Debug { get; init; }

    /// <summary>
    /// How fleet is reached (<c>--driver</c>): <see cref="ApiDriver"/>, fleet's HTTP API at
    /// <see cref="Endpoint"/>, or <see cref="EtcdDriver"/>, fleet's registry in the etcd whose
    /// members <see cref="Endpoint"/> lists (comma-separated) under <see cref="EtcdKeyPrefix"/>.
    /// Names are case-sensitive, as fleetctl's; any other is refused with fleetctl's
    /// <c>unrecognized driver</c>.
    /// </summary>
    public string Driver { get; init; } = ApiDriver;

    /// <summary>The driver that talks to fleet's HTTP API (fleetctl's default).</summary>
    public const string ApiDriver = "API";

    /// <summary>The driver that reads and writes fleet's registry in etcd directly (fleetctl's <c>--driver=etcd</c>).</summary>
    public const string EtcdDriver = "etcd";

    /// <summary>
    /// Where fleet's registry lies in etcd, for the <see cref="EtcdDriver"/>
    /// (<c>--etcd-key-prefix</c>, <c>FLEETCTL_ETCD_KEY_PREFIX</c>); fleet's own by default.
    /// </summary>
    public string EtcdKeyPrefix { get; init; } = DefaultEtcdKeyPrefix;

    /// <summary>fleet's own key prefix, <c>/_coreos.com/fleet/</c>.</summary>
    public const string DefaultEtcdKeyPrefix = Transport.Registry.FleetRegistryOptions.DefaultKeyPrefix;
}
