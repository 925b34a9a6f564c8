using Fleet.Simulator.Cluster;
using Fleet.Simulator.Registry;
using Fleet.Tests.Shared;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;
using Fleet.Tests.Shared.Etcd;

namespace Fleet.Simulator.Tests.Registry;

/// <summary>
/// fleet's TTL keys are renewed long before they lapse, and left alone otherwise: machines and
/// heartbeats after a third of the TTL by the pass's clock, unit states when etcd says their TTL
/// runs low.
/// </summary>
public sealed class RenewalTests(EtcdFixture etcd) : IClassFixture<EtcdFixture>
{
    [Fact]
    public async Task Machines_and_heartbeats_are_written_again_after_ten_seconds_and_not_before()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        await ReferenceKeyspace.SeedAsync(keys, prefix, ReferenceKeyspace.WithoutFleetd(ReferenceKeyspace.Of("027")));
        await using var client = (await FleetClient.ConnectToRegistryAsync([etcd.Url], new FleetRegistryOptions { KeyPrefix = prefix })).Right();
        var clock = new ManualClock();
        var paths = new RegistryKeys(prefix);
        var lease = new EngineLease(keys, paths, ReferenceCluster.Machines[0].Id, EtcdFleetOptions.DefaultInterval, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var pass = new RegistryPass(client, keys, paths, ReferenceCluster.Machines, lease, clock);
        var machine = $"{prefix}/machines/{ReferenceCluster.Machines[0].Id}/object";
        var heartbeat = $"{prefix}/job/hello.service/job-state";

        (await pass.RunAsync(CancellationToken.None)).Right();
        var first = (await IndexAsync(keys, machine), await IndexAsync(keys, heartbeat));
        clock.Advance(TimeSpan.FromSeconds(9));
        (await pass.RunAsync(CancellationToken.None)).Right();
        var early = (await IndexAsync(keys, machine), await IndexAsync(keys, heartbeat));
        clock.Advance(TimeSpan.FromSeconds(2));
        (await pass.RunAsync(CancellationToken.None)).Right();
        var due = (await IndexAsync(keys, machine), await IndexAsync(keys, heartbeat));

        Assert.Equal(first, early);
        Assert.True(due.Item1 > first.Item1 && due.Item2 > first.Item2, $"{first} then {due}");
    }

    [Fact]
    public async Task A_unit_state_whose_ttl_runs_low_is_renewed_and_the_others_are_left_alone()
    {
        var prefix = EtcdFixture.NewPrefix();
        await using var keys = etcd.Keys();
        await ReferenceKeyspace.SeedAsync(keys, prefix, ReferenceKeyspace.WithoutFleetd(ReferenceKeyspace.Of("027")));
        await using var fleet = (await EtcdFleet.StartAsync(ReferenceCluster.Machines, [etcd.Url], new EtcdFleetOptions { Registry = new FleetRegistryOptions { KeyPrefix = prefix }, Interval = TimeSpan.FromHours(1) })).Right();
        var low = $"{prefix}/states/hello.service/9a805ebde048c3f6e34bd2c4b3f89a2c";
        var fresh = $"{prefix}/states/ping.service/222f532fc7580e18ebfca1f8614c8086";
        var value = (await keys.GetAsync(low)).Right().Node.Value!;
        (await keys.SetAsync(low, value, new EtcdSetOptions { Ttl = TimeSpan.FromSeconds(5) })).Right();
        var before = await IndexAsync(keys, fresh);

        (await fleet.PassAsync()).Right();

        Assert.InRange((await keys.GetAsync(low)).Right().Node.Ttl ?? 0, 20, 30);
        Assert.Equal(before, await IndexAsync(keys, fresh));
    }

    private static async Task<long> IndexAsync(EtcdKeysClient keys, string key) => (await keys.GetAsync(key)).Right().Node.ModifiedIndex;

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
