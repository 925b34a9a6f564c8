using System.Net;
using System.Net.Sockets;
using Fleet.Core;
using Fleet.Ssh;
using Fleet.Tests.Shared.Ssh;
using Fleet.Transport;

namespace Fleet.Facade.Tests;

/// <summary>SSH tunnels that fail before a session exists, with a client key so the connection is tried.</summary>
public sealed class SshFailureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fleet-facade-ssh-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_tunnel_to_a_port_nobody_listens_on_is_an_ssh_exception()
    {
        var port = Ports.Closed();

        var e = await Assert.ThrowsAsync<FleetSshException>(async () => await FleetApiClient.ConnectAsync("http://127.0.0.1:49153", await ThroughAsync(port)));

        Assert.IsAssignableFrom<FleetConnectionException>(e);
        Assert.Equal(ErrorKind.Ssh, e.Error.Kind);
        Assert.StartsWith($"ssh 127.0.0.1:{port}: connect: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ssh_server_that_never_speaks_is_a_timeout_exception_at_the_ssh_deadline()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var e = await Assert.ThrowsAsync<FleetTimeoutException>(async () => await FleetApiClient.ConnectAsync("http://127.0.0.1:49153", await ThroughAsync(port, TimeSpan.FromMilliseconds(300))));

        Assert.Equal($"ssh 127.0.0.1:{port}: connect: no SSH session within 0.3 s", e.Message);
    }

    private async Task<FleetClientOptions> ThroughAsync(int port, TimeSpan? timeout = null)
    {
        var key = await SshKeyPair.GenerateAsync(folder, "client");
        return new FleetClientOptions
        {
            Transport = HttpTransportOptions.Default with
            {
                Connector = SshTunnel.Connector(new SshTunnelOptions
                {
                    Tunnel = $"127.0.0.1:{port}",
                    ConnectTimeout = timeout ?? TimeSpan.FromSeconds(10),
                    KeyFiles = [new SshKeyFile(key.PrivateKeyPath)],
                    KnownHostsFile = Path.Combine(folder, "known_hosts"),
                    UseAgent = false,
                    UseDefaultKeyFiles = false,
                }),
            },
        };
    }
}
