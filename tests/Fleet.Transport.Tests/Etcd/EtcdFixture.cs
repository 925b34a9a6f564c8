using Fleet.Tests.Shared.Etcd;

namespace Fleet.Transport.Tests.Etcd;

/// <summary>One real etcd for a test class; each test works under keys of its own (<see cref="NewPrefix"/>).</summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    public EtcdServer Server { get; private set; } = null!;

    /// <summary>A key folder no other test uses, such as <c>/test-3f2a.../</c>.</summary>
    public static string NewPrefix() => $"/test-{Guid.NewGuid():N}";

    public async Task InitializeAsync() => Server = await EtcdServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
