using Fleet.Transport.Etcd;

namespace Fleet.Tests.Shared.Etcd;

/// <summary>
/// One real etcd for a test class (Debian's etcd, v2 API on, free loopback ports, a temporary
/// data folder, stopped by its process id); each test keeps its keys under a prefix of its own
/// (<see cref="NewPrefix"/>), so nothing one test writes reaches another.
/// </summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    public EtcdServer Server { get; private set; } = null!;

    /// <summary>The etcd's client URL, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url => Server.ClientUrl;

    /// <summary>A registry prefix no other test uses, shaped as fleet's: <c>/t3f2a.../_coreos.com/fleet</c>.</summary>
    public static string NewPrefix() => $"/t{Guid.NewGuid():N}/_coreos.com/fleet";

    public async Task InitializeAsync() => Server = await EtcdServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A keys client on the etcd, for seeding and reading back.</summary>
    public EtcdKeysClient Keys() => EtcdKeysClient.Create([Server.ClientUrl]).IfLeft(error => throw new InvalidOperationException(error.Message));
}
