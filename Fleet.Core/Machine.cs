using System.Text.Json.Serialization;
using Fleet.Core.Collections;

namespace Fleet.Core;

/// <summary>A machine of the cluster, as fleet lists it.</summary>
public sealed record Machine
{
    /// <summary>Creates a machine.</summary>
    /// <param name="id">The machine id: 32 hex characters (systemd's machine-id).</param>
    /// <param name="primaryIp">The address fleet publishes for it.</param>
    /// <param name="metadata">Its metadata (<c>role=web</c>, ...).</param>
    [JsonConstructor]
    public Machine(string id, string? primaryIp = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Id = id;
        PrimaryIp = primaryIp;
        Metadata = metadata ?? ValueMap.Empty;
    }

    /// <summary>The machine id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init => field = value ?? throw new ArgumentNullException(nameof(Id)); }

    /// <summary>The address fleet publishes for the machine.</summary>
    [JsonPropertyName("primaryIP")]
    public string? PrimaryIp { get; init; }

    /// <summary>The machine's metadata, keys in ordinal order; compared by content.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init => field = ValueMap.From(value ?? ValueMap.Empty); }

    /// <summary>
    /// The version of fleet the machine runs, as its fleetd registered it (<c>v1.0.0</c>), when
    /// known: fleet's registry in etcd holds it, fleet's HTTP API does not (null there).
    /// fleetctl's etcd driver warns when a machine runs a newer fleet than itself.
    /// </summary>
    [JsonIgnore]
    public string? Version { get; init; }
}
