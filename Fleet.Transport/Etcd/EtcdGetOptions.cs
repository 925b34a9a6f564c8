namespace Fleet.Transport.Etcd;

/// <summary>How a get reads a key: etcd's <c>recursive</c>, <c>sorted</c> and <c>quorum</c>, each always sent, as Go's client sends them.</summary>
public sealed record EtcdGetOptions
{
    /// <summary>The options used when none are given: one level, unsorted, from the member's own copy.</summary>
    public static EtcdGetOptions Default { get; } = new();

    /// <summary>Whether a directory is read with every node below it, not only its children.</summary>
    public bool Recursive { get; init; }

    /// <summary>Whether a directory's nodes come sorted by key.</summary>
    public bool Sorted { get; init; }

    /// <summary>Whether the read goes through the cluster's consensus (linearizable) instead of the member's copy.</summary>
    public bool Quorum { get; init; }
}
