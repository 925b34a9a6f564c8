using System.Text.Json.Serialization;

namespace Fleet.Transport.Etcd;

/// <summary>One node of etcd's v2 keyspace, as etcd describes it: a key with a value, or a directory with its nodes.</summary>
public sealed record EtcdNode
{
    private readonly IReadOnlyList<EtcdNode> nodes = [];

    /// <summary>The node's full key, such as <c>/_coreos.com/fleet/job/hello.service/object</c> (empty for the root directory).</summary>
    [JsonPropertyName("key")]
    public string Key { get; init; } = "";

    /// <summary>The value of a key; null for a directory.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>Whether the node is a directory.</summary>
    [JsonPropertyName("dir")]
    public bool Dir { get; init; }

    /// <summary>A directory's children, when it was read recursively or one level deep; empty otherwise.</summary>
    [JsonPropertyName("nodes")]
    public IReadOnlyList<EtcdNode> Nodes
    {
        get => nodes;
        init => nodes = value ?? [];
    }

    /// <summary>The seconds the node has left to live, when it was given a TTL; null otherwise.</summary>
    [JsonPropertyName("ttl")]
    public long? Ttl { get; init; }

    /// <summary>When the node expires, when it was given a TTL; null otherwise.</summary>
    [JsonPropertyName("expiration")]
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>The etcd index at which the node was created.</summary>
    [JsonPropertyName("createdIndex")]
    public long CreatedIndex { get; init; }

    /// <summary>The etcd index at which the node was last changed.</summary>
    [JsonPropertyName("modifiedIndex")]
    public long ModifiedIndex { get; init; }
}
