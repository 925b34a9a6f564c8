using Renci.SshNet;

namespace Fleet.Ssh;

/// <summary>
/// Reaching fleet through SSH, as fleetctl's <c>--tunnel</c> and python-fleet's
/// <c>ssh_tunnel</c> do. The endpoint keeps its meaning: it is fleet's address as seen from
/// the tunnel host. A TCP endpoint is reached through a direct-tcpip channel, a unix-socket
/// endpoint through <see cref="RemoteCommand"/> on the tunnel host.
/// </summary>
public sealed record SshTunnelOptions
{
    /// <summary>The SSH server: <c>host</c>, <c>host:port</c> or <c>[::1]:2222</c>; port 22 when none is given. Ignored when <see cref="Client"/> is set.</summary>
    public string? Tunnel { get; init; }

    /// <summary>The user to log in as (default <c>core</c>, as fleetctl's).</summary>
    public string User { get; init; } = "core";

    /// <summary>How long connecting, key exchange and authentication may take together (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The known_hosts file (default <c>~/.fleetctl/known_hosts</c>, fleetctl's); <c>~</c> is the home folder.</summary>
    public string KnownHostsFile { get; init; } = "~/.fleetctl/known_hosts";

    /// <summary>
    /// Whether a host key must be known (default true). When on, an unknown key is refused unless
    /// <see cref="ConfirmUnknownHostKey"/> accepts it, a changed or revoked key is always refused,
    /// and nothing is written to the known_hosts file without that confirmation. When off, any key
    /// is accepted and nothing is recorded.
    /// </summary>
    public bool StrictHostKeyChecking { get; init; } = true;

    /// <summary>
    /// Asked about a host whose key the known_hosts file does not hold, under strict checking
    /// (fleetctl's "Are you sure you want to continue connecting" question). Answering true
    /// appends a hashed entry for the host to <see cref="KnownHostsFile"/> and connects; false,
    /// or no callback, refuses the host.
    /// </summary>
    public Func<UnknownHostKey, CancellationToken, ValueTask<bool>>? ConfirmUnknownHostKey { get; init; }

    /// <summary>Private key files to offer, tried first, in order.</summary>
    public IReadOnlyList<SshKeyFile> KeyFiles { get; init; } = [];

    /// <summary>Whether to offer the keys of the ssh-agent at <see cref="AgentSocket"/> (default true; what fleetctl uses).</summary>
    public bool UseAgent { get; init; } = true;

    /// <summary>The ssh-agent's socket; <c>SSH_AUTH_SOCK</c> when null.</summary>
    public string? AgentSocket { get; init; }

    /// <summary>Whether to offer <c>~/.ssh/id_ed25519</c>, <c>id_ecdsa</c> and <c>id_rsa</c> when they exist and need no passphrase (default true).</summary>
    public bool UseDefaultKeyFiles { get; init; } = true;

    /// <summary>The home folder for <c>~</c> and the default key files; the user's own when null.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>
    /// The command run on the tunnel host to reach a unix-socket endpoint, with <c>{0}</c> for the
    /// socket path (quoted for the shell). Its standard input and output carry the HTTP exchange.
    /// Default <c>fleetctl fd-forward {0}</c>, as fleetctl does; <c>socat - UNIX-CONNECT:{0}</c> or
    /// <c>nc -U {0}</c> serve where fleetctl is missing.
    /// </summary>
    public string RemoteCommand { get; init; } = "fleetctl fd-forward {0}";

    /// <summary>
    /// A connected SSH.NET client to use instead of opening one (python-fleet's
    /// <c>ssh_raw_transport</c>). When set, every other option except
    /// <see cref="RemoteCommand"/> is ignored, the caller keeps ownership (it is never disposed
    /// or reconnected), and a dropped session is reported rather than re-established.
    /// </summary>
    public SshClient? Client { get; init; }
}
