using System.Net;
using Fleet.Simulator;
using Fleet.Tests.Shared.Ssh;
using Fleet.Transport;

namespace Fleet.Ssh.Tests.Tunnel;

/// <summary>How the tunnel reaches fleet: a direct-tcpip channel to TCP, or a remote command to a unix socket.</summary>
public enum Channel
{
    DirectTcpip,
    Exec,
}

/// <summary>
/// A real sshd on loopback, a FleetServer on a unix socket and TCP behind it, and a known_hosts
/// file that holds sshd's host keys: what a test needs to reach fleet through SSH.
/// </summary>
public sealed class SshTunnelFixture : IAsyncLifetime
{
    // socat plays fleetctl's part here; Fleet.Cli.Tests runs the same tunnel with fleetctl-net's own fd-forward.
    public const string Socat = "socat - UNIX-CONNECT:{0}";

    private string folder = "";

    public TestSshServer Sshd { get; private set; } = null!;

    public FleetServer Fleet { get; private set; } = null!;

    /// <summary>A known_hosts file with one plain line per host key of sshd.</summary>
    public string KnownHosts { get; private set; } = "";

    /// <summary>A folder of the fixture's own, for files a test makes; removed with the fixture.</summary>
    public string Folder => folder;

    public string Endpoint(Channel channel) => channel == Channel.Exec ? $"unix://{Fleet.UnixSocketPath}" : $"http://{Fleet.TcpEndPoint}";

    /// <summary>Options that reach sshd with its client key and trust its host keys; no agent, no default keys.</summary>
    public SshTunnelOptions Options => new()
    {
        Tunnel = Sshd.Tunnel,
        User = Sshd.User,
        KnownHostsFile = KnownHosts,
        KeyFiles = [new SshKeyFile(Sshd.ClientKey.PrivateKeyPath)],
        UseAgent = false,
        UseDefaultKeyFiles = false,
        RemoteCommand = Socat,
    };

    public async Task<FleetClient> ConnectAsync(Channel channel, SshTunnelOptions? ssh = null, HttpTransportOptions? transport = null) =>
        (await TryConnectAsync(channel, ssh, transport)).Right();

    public Task<LanguageExt.Either<Core.APIError, FleetClient>> TryConnectAsync(Channel channel, SshTunnelOptions? ssh = null, HttpTransportOptions? transport = null) =>
        FleetClient.ConnectAsync(Endpoint(channel), new FleetClientOptions { Transport = (transport ?? Patient) with { Connector = SshTunnel.Connector(ssh ?? Options) } });

    // A handshake takes milliseconds, but these tests share two cores with the other suites and
    // the package tests' native compile, and once waited out the default 10 s. What they check is
    // not how long a handshake takes; the tests about timeouts set their own.
    private static readonly HttpTransportOptions Patient = HttpTransportOptions.Default with { ConnectTimeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        folder = Directory.CreateTempSubdirectory("fleet-tunnel-").FullName;
        Sshd = await TestSshServer.StartAsync();
        Fleet = await FleetServer.StartAsync(new FleetServerOptions
        {
            UnixSocketPath = Path.Combine(folder, "fleet.sock"),
            TcpEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            AgentDelay = TimeSpan.Zero,
        });
        KnownHosts = Path.Combine(folder, "known_hosts");
        await File.WriteAllLinesAsync(KnownHosts, Sshd.HostKeys.Select(Sshd.KnownHostsLine));
    }

    public async Task DisposeAsync()
    {
        await Fleet.DisposeAsync();
        await Sshd.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
