using System.Text.Json.Serialization;

namespace Fleet.Transport.Etcd;

/// <summary>System.Text.Json's generated code for etcd's answers: no reflection, decoded straight from the connection's buffer.</summary>
[JsonSerializable(typeof(EtcdAnswerBody))]
[JsonSerializable(typeof(EtcdErrorBody))]
internal sealed partial class EtcdJsonContext : JsonSerializerContext;

/// <summary>etcd's answer to a successful request: <c>{"action":..,"node":{..},"prevNode":{..}}</c>.</summary>
internal sealed record EtcdAnswerBody(
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("node")] EtcdNode? Node,
    [property: JsonPropertyName("prevNode")] EtcdNode? PrevNode);

/// <summary>etcd's error answer: <c>{"errorCode":100,"message":"Key not found","cause":"/x","index":7}</c>.</summary>
internal sealed record EtcdErrorBody(
    [property: JsonPropertyName("errorCode")] int? ErrorCode,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("cause")] string? Cause,
    [property: JsonPropertyName("index")] long Index);
