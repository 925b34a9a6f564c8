using Fleet.Tests.Shared.Etcd;
using Fleet.Transport.Etcd;

namespace Fleet.Ssh.Tests.Tunnel;

/// <summary>
/// fleetctl's <c>--tunnel</c> carries the etcd driver's requests too: the etcd client reaches a
/// real etcd through a real sshd's direct-tcpip channel, as it reaches fleet's API.
/// </summary>
public sealed class EtcdThroughTunnelTests(SshTunnelFixture tunnel) : IClassFixture<SshTunnelFixture>, IAsyncLifetime
{
    private EtcdServer etcd = null!;

    public async Task InitializeAsync() => etcd = await EtcdServer.StartAsync();

    public async Task DisposeAsync() => await etcd.DisposeAsync();

    [Fact]
    public async Task Keys_are_written_and_read_through_the_tunnel()
    {
        await using var client = EtcdKeysClient.Create(etcd.ClientUrl, Through(tunnel.Options)).Right();
        var key = $"/tunnel-{Guid.NewGuid():N}/job/hello.service/target-state";

        var set = (await client.SetAsync(key, "launched")).Right();
        var read = (await client.GetAsync(key)).Right();

        Assert.Equal("set", set.Action);
        Assert.Equal("launched", read.Node.Value);
        Assert.Equal(set.Node.ModifiedIndex, read.Node.ModifiedIndex);
        Assert.Contains($"target 127.0.0.1 port {etcd.ClientPort}", tunnel.Sshd.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_key_the_known_hosts_file_does_not_hold_is_refused_before_any_request()
    {
        var strangers = Path.Combine(tunnel.Folder, $"known_hosts-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(strangers, "");
        await using var client = EtcdKeysClient.Create(etcd.ClientUrl, Through(tunnel.Options with { KnownHostsFile = strangers })).Right();
        var key = $"/tunnel-{Guid.NewGuid():N}/refused";

        var error = (await client.SetAsync(key, "x")).Left();

        Assert.Contains("can't be established", error.Message, StringComparison.Ordinal);
        var direct = EtcdKeysClient.Create(etcd.ClientUrl).Right();
        await using (direct)
        {
            Assert.Equal(EtcdErrorCodes.KeyNotFound, (await direct.GetAsync(key)).Left().EtcdCode);
        }
    }

    // The tunnel's connect takes seconds when the suites share two cores: a patient deadline.
    private static EtcdClientOptions Through(SshTunnelOptions ssh) =>
        EtcdClientOptions.Default with { Connector = SshTunnel.Connector(ssh), RequestTimeout = TimeSpan.FromSeconds(60) };
}
