using Fleet.Tests.Shared;
using Fleet.Tests.Shared.Etcd;
using Fleet.Transport.Etcd;

namespace Fleet.Simulator.Tests.Registry;

/// <summary>
/// One real etcd for a test class; each test keeps its registry under a prefix of its own
/// (<see cref="NewPrefix"/>), so nothing one test writes reaches another.
/// </summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private int prefixes;

    public EtcdServer Server { get; private set; } = null!;

    public string Url => Server.ClientUrl;

    public async Task InitializeAsync() => Server = await EtcdServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh registry prefix, <c>/tN/_coreos.com/fleet</c>.</summary>
    public string NewPrefix() => $"/t{Interlocked.Increment(ref prefixes)}/_coreos.com/fleet";

    /// <summary>A keys client on the etcd, for seeding and reading back.</summary>
    public EtcdKeysClient Keys() => EtcdKeysClient.Create([Server.ClientUrl]).Right();
}
