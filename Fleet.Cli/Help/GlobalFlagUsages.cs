namespace Fleet.Cli.Help;

/// <summary>
/// fleetctl's global flags as pflag's <c>FlagUsages</c> prints them: sorted by name, padded to one
/// column, with Go's <c>(default ...)</c> suffixes. The deprecated etcd flags are accepted and listed
/// as fleetctl lists them.
/// </summary>
internal static class GlobalFlagUsages
{
    /// <summary>The block, each line ending in a newline.</summary>
    public const string Text =
        "      --ca-file string             Location of TLS CA file used to secure communication with the fleet API or etcd\n" +
        "      --cert-file string           Location of TLS cert file used to secure communication with the fleet API or etcd\n" +
        "      --debug                      Print out more debug information to stderr\n" +
        "      --driver string              Adapter used to execute fleetctl commands. Options include \"API\" and \"etcd\". (default \"API\")\n" +
        "      --endpoint string            Location of the fleet API if --driver=API. Alternatively, if --driver=etcd, location of the etcd API. (default \"unix:///var/run/fleet.sock\")\n" +
        "      --etcd-cafile string         DEPRECATED: do not use this flag.\n" +
        "      --etcd-certfile string       DEPRECATED: do not use this flag.\n" +
        "      --etcd-key-prefix string     Keyspace for fleet data in etcd (development use only!) (default \"/_coreos.com/fleet/\")\n" +
        "      --etcd-keyfile string        DEPRECATED: do not use this flag.\n" +
        "      --experimental-api           DEPRECATED: do not use this flag. (default true)\n" +
        "      --h                          Print usage information and exit\n" +
        "      --help                       Print usage information and exit\n" +
        "      --key-file string            Location of TLS key file used to secure communication with the fleet API or etcd\n" +
        "      --known-hosts-file string    File used to store remote machine fingerprints. Ignored if strict host key checking is disabled. (default \"~/.fleetctl/known_hosts\")\n" +
        "      --request-timeout float      Amount of time in seconds to allow a single request before considering it failed. (default 3)\n" +
        "      --ssh-timeout float          Amount of time in seconds to allow for SSH connection initialization before failing. (default 10)\n" +
        "      --ssh-username string        Username to use when connecting to CoreOS instance. (default \"core\")\n" +
        "      --strict-host-key-checking   Verify host keys presented by remote machines before initiating SSH connections. (default true)\n" +
        "      --tunnel string              Establish an SSH tunnel through the provided address for communication with fleet and etcd.\n" +
        "      --version                    Print the version and exit\n";
}
