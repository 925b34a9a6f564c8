using Fleet.Tests.Shared.Etcd;
using Fleet.Transport.Etcd;
using Fleet.Transport.Registry;

namespace Fleet.Transport.Tests.Registry;

/// <summary>
/// One real etcd for a test class. fleet's registry lives at a fixed prefix, so each test clears
/// <c>/_coreos.com/fleet</c> (and <c>/otherfleet</c>) before it seeds its own keyspace.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Prefix = "/_coreos.com/fleet";

    public EtcdServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await EtcdServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A keys client on the etcd, for seeding and reading back.</summary>
    public EtcdKeysClient Keys() => EtcdKeysClient.Create([Server.ClientUrl]).Right();

    /// <summary>Removes every key of fleet's registry (and of the other prefix the reference uses).</summary>
    public async Task ClearAsync()
    {
        await using var etcd = Keys();
        foreach (var prefix in new[] { Prefix, "/otherfleet" })
        {
            var deleted = await etcd.DeleteAsync(prefix, new EtcdDeleteOptions { Recursive = true });
            if (deleted.IsLeft) Assert.Equal(EtcdErrorCodes.KeyNotFound, deleted.Left().EtcdCode);
        }
    }

    /// <summary>A client over the registry.</summary>
    public async Task<FleetClient> ConnectAsync(FleetRegistryOptions? options = null) =>
        (await FleetClient.ConnectToRegistryAsync([Server.ClientUrl], options)).Right();
}
