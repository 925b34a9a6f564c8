using Fleet.Simulator.Tests.Standalone;
using Fleet.Tests.Shared;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Simulator.Tests.Registry;

/// <summary>
/// Two real <c>serve --etcd</c> processes on one etcd and prefix, holding the reference's three
/// machines between them (<c>--machines 2</c>, <c>--machines 1 --first-machine 3</c>): one cluster
/// with one engine, and the handover when the leading process stops or dies, seen through etcd.
/// </summary>
public sealed class EngineLeaseProcessTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    private const int SIGKILL = 9;

    [Fact]
    public async Task When_the_leading_serve_gets_sigterm_the_other_takes_the_lease_and_its_units()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        await using var leader = await StartAsync(prefix, "--machines", "2");
        await using var follower = await StartAsync(prefix, "--machines", "1", "--first-machine", "3");
        await LeaseCluster.CreatePlainUnitsAsync(etcd, prefix);
        var running = await LeaseCluster.PollAsync(
            async () => ReferenceKeyspace.Cluster(await ReferenceKeyspace.ReadAsync(keys, prefix)),
            lines => lines.Count(line => line.Contains("/job-state = ", StringComparison.Ordinal)) == LeaseCluster.PlainUnits.Length,
            "every unit runs");
        Assert.Equal(LeaseCluster.Value(LeaseCluster.M1), (await keys.GetAsync(prefix + "/lease/engine-leader")).Right().Node.Value);
        Assert.Contains(running, line => line.EndsWith("/target = " + LeaseCluster.M3, StringComparison.Ordinal));

        leader.Signal(ServerProcess.SIGTERM);

        Assert.Equal(0, await leader.WaitForExitAsync());
        await LeaseCluster.HandedOverToTheThirdMachineAsync(keys, prefix);
    }

    [Fact]
    public async Task When_the_leading_serve_is_killed_the_other_takes_the_lease_once_its_ttl_runs_out()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        await using var leader = await StartAsync(prefix, "--machines", "2");
        await using var follower = await StartAsync(prefix, "--machines", "1", "--first-machine", "3");
        Assert.Equal(LeaseCluster.Value(LeaseCluster.M1), (await keys.GetAsync(prefix + "/lease/engine-leader")).Right().Node.Value);

        leader.Signal(SIGKILL);
        await leader.WaitForExitAsync();

        // Nothing released it: the lease lapses after its 1 s TTL (five 200 ms passes) and the
        // other serve's engine takes it at its next pass.
        await LeaseCluster.PollAsync(
            async () => (await keys.GetAsync(prefix + "/lease/engine-leader")).Map(response => response.Node.Value ?? "").IfLeft(""),
            value => value == LeaseCluster.Value(LeaseCluster.M3),
            "the other serve leads");
    }

    private async Task<ServerProcess> StartAsync(string prefix, params string[] machines)
    {
        var server = ServerProcess.Start(["--etcd", etcd.Url, "--etcd-key-prefix", prefix, .. machines]);
        try
        {
            var announced = await server.ReadAnnouncementAsync();
            Assert.Equal($"fleet engine and agents on etcd {etcd.Url} under {prefix}", announced[0]);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}
