using System.Net.Sockets;
using System.Text;
using Fleet.Core;
using Fleet.Ssh.Tunnel;
using Fleet.Tests.Shared.Ssh;
using Fleet.Transport;

namespace Fleet.Ssh.Tests.Tunnel;

/// <summary>What breaks on the way through SSH, and what the client makes of it.</summary>
public sealed class TunnelFaultTests(SshTunnelFixture fixture) : IClassFixture<SshTunnelFixture>
{
    // Short enough to keep the test quick, long enough for a fresh channel on a loaded machine.
    private static readonly HttpTransportOptions ShortRequests = HttpTransportOptions.Default with { RequestTimeout = TimeSpan.FromSeconds(3) };

    [Theory]
    [InlineData(Channel.DirectTcpip)]
    [InlineData(Channel.Exec)]
    public async Task Sshd_killed_mid_request_ends_the_request_with_an_error_not_a_hang(Channel channel)
    {
        await using var sshd = await TestSshServer.StartAsync();
        await using var client = await fixture.ConnectAsync(channel, Through(sshd), HttpTransportOptions.Default with { RequestTimeout = TimeSpan.FromSeconds(60) });
        (await client.ListMachinesAsync()).Right();
        fixture.Fleet.Faults.Latency = TimeSpan.FromHours(1);
        try
        {
            var request = client.ListMachinesAsync();
            await Task.Delay(200); // let the request reach the server before the crash
            sshd.Kill();
            // Well inside the 60 s request timeout: the crash itself must end the request.
            var error = (await request.WaitAsync(TimeSpan.FromSeconds(30))).Left();

            Assert.Contains(error.Kind, new[] { ErrorKind.Ssh, ErrorKind.Transport });
        }
        finally
        {
            fixture.Fleet.Faults.Latency = TimeSpan.Zero;
        }
    }

    [Theory]
    [InlineData(Channel.DirectTcpip)]
    [InlineData(Channel.Exec)]
    public async Task A_dropped_session_is_established_again_on_the_next_request(Channel channel)
    {
        await using var sshd = await TestSshServer.StartAsync();
        await using var client = await fixture.ConnectAsync(channel, Through(sshd));
        (await client.ListMachinesAsync()).Right();

        Assert.True(sshd.DropSessions() > 0);
        // The pooled channel died with its session before any byte of an answer, so the pool
        // retries the GET once on a new channel, which needs a new session.
        var machines = await client.ListMachinesAsync();

        Assert.Equal(3, machines.Right().Count);
        Assert.Equal(2, sshd.Log.Split('\n').Count(l => l.Contains("Accepted publickey", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_remote_command_that_is_missing_reports_its_status_and_stderr()
    {
        var error = (await fixture.TryConnectAsync(Channel.Exec, fixture.Options with { RemoteCommand = "fleetctl-not-installed fd-forward {0}" })).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.StartsWith($"ssh {fixture.Sshd.Tunnel}: remote command: \"fleetctl-not-installed fd-forward '{fixture.Fleet.UnixSocketPath}'\" exited with status 127: ", error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public async Task A_remote_command_may_hold_braces_of_its_own()
    {
        await using var client = await fixture.ConnectAsync(Channel.Exec, fixture.Options with { RemoteCommand = "sh -c '{ exec socat - UNIX-CONNECT:\"$0\"; }' {0}" });

        Assert.Equal(3, (await client.ListMachinesAsync()).Right().Count);
    }

    [Fact]
    public async Task A_remote_command_without_the_socket_path_is_refused_before_connecting()
    {
        var error = (await fixture.TryConnectAsync(Channel.Exec, fixture.Options with { RemoteCommand = "fleetctl fd-forward" })).Left();

        Assert.Equal((ErrorKind.Validation, "the remote command \"fleetctl fd-forward\" must hold {0} where the socket path goes"), (error.Kind, error.Message));
    }

    [Fact]
    public async Task A_socket_missing_on_the_remote_host_is_the_remote_commands_error()
    {
        var error = (await FleetClientThrough(fixture.Options, "unix:///run/no-fleet-here.sock")).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.Contains("remote command: \"socat - UNIX-CONNECT:'/run/no-fleet-here.sock'\" exited with status 1: ", error.Message);
        Assert.Contains("No such file or directory", error.Message);
    }

    [Fact]
    public async Task A_channel_the_server_refuses_is_a_channel_open_error()
    {
        await using var sshd = await TestSshServer.StartAsync(new TestSshServerOptions { AllowForwarding = false });

        var error = (await fixture.TryConnectAsync(Channel.DirectTcpip, Through(sshd))).Left();

        Assert.True(error.Kind == ErrorKind.Ssh, error.ToString());
        Assert.StartsWith($"ssh {sshd.Tunnel}: channel open: the channel to {fixture.Fleet.TcpEndPoint} closed before any answer: the SSH server refused to open it", error.Message);
    }

    [Fact]
    public async Task A_closed_port_behind_the_tunnel_is_a_channel_open_error()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var closed = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var error = (await FleetClientThrough(fixture.Options, $"http://127.0.0.1:{closed}")).Left();

        Assert.Equal(ErrorKind.Ssh, error.Kind);
        Assert.Contains($"channel open: the channel to 127.0.0.1:{closed} closed before any answer", error.Message);
    }

    [Theory]
    [InlineData(Channel.DirectTcpip)]
    [InlineData(Channel.Exec)]
    public async Task A_stalled_answer_times_out_and_the_next_request_gets_a_fresh_channel(Channel channel)
    {
        await using var sshd = await TestSshServer.StartAsync();
        await using var client = await fixture.ConnectAsync(channel, Through(sshd), ShortRequests);
        Core.APIError stalled;
        fixture.Fleet.Faults.Latency = TimeSpan.FromHours(1);
        try
        {
            stalled = (await client.ListMachinesAsync()).Left();
        }
        finally
        {
            fixture.Fleet.Faults.Latency = TimeSpan.Zero;
        }

        Assert.Equal(ErrorKind.Timeout, stalled.Kind);
        Assert.Equal(3, (await client.ListMachinesAsync()).Right().Count);
    }

    [Theory]
    [InlineData(Channel.DirectTcpip)]
    [InlineData(Channel.Exec)]
    public async Task Cancelling_a_stalled_request_returns_at_once_and_the_client_goes_on(Channel channel)
    {
        await using var client = await fixture.ConnectAsync(channel);
        using var cancel = new CancellationTokenSource();
        fixture.Fleet.Faults.Latency = TimeSpan.FromHours(1);
        try
        {
            var request = client.ListMachinesAsync(cancel.Token);
            await Task.Delay(100);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            fixture.Fleet.Faults.Latency = TimeSpan.Zero;
        }

        Assert.Equal(3, (await client.ListMachinesAsync()).Right().Count);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    public async Task The_local_end_of_the_tunnel_serves_no_other_process(string from)
    {
        using var session = SshSession.Create(fixture.Options).Right();
        using var connector = new DirectTcpipConnector(session, "127.0.0.1", fixture.Fleet.TcpEndPoint!.Port);
        await using var ours = (await connector.ConnectAsync(CancellationToken.None)).Right();

        using var intruder = new TcpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(from), 0));
        await intruder.ConnectAsync(System.Net.IPAddress.Loopback, connector.ListenerPort);
        var stream = intruder.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /fleet/v1/machines HTTP/1.1\r\nHost: x\r\n\r\n"));
        var answer = new byte[256];
        int read;
        try
        {
            read = await stream.ReadAsync(answer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (IOException)
        {
            read = 0; // reset: closed with our request unread
        }

        Assert.Equal(0, read);
        await ours.WriteAsync(Encoding.ASCII.GetBytes("GET /fleet/v1/discovery HTTP/1.1\r\nHost: x\r\n\r\n"));
        read = await ours.ReadAsync(answer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("HTTP/1.1 200 OK", Encoding.ASCII.GetString(answer, 0, read));
    }

    private SshTunnelOptions Through(TestSshServer sshd)
    {
        var knownHosts = Path.Combine(sshd.Folder, "known_hosts");
        File.WriteAllLines(knownHosts, sshd.HostKeys.Select(sshd.KnownHostsLine));
        return fixture.Options with { Tunnel = sshd.Tunnel, KnownHostsFile = knownHosts, KeyFiles = [new SshKeyFile(sshd.ClientKey.PrivateKeyPath)] };
    }

    private static Task<LanguageExt.Either<APIError, Fleet.FleetClient>> FleetClientThrough(SshTunnelOptions ssh, string endpoint) =>
        Fleet.FleetClient.ConnectAsync(endpoint, new Fleet.FleetClientOptions { Transport = HttpTransportOptions.Default with { Connector = SshTunnel.Connector(ssh) } });
}
