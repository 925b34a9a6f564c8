namespace Fleet.Transport.Tests.Registry;

/// <summary>The registry tests share one etcd and fleet's fixed prefix, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "fleet's registry in one etcd";
}
