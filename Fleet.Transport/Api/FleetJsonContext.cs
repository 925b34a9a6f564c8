using System.Text.Json.Serialization;
using Fleet.Core;

namespace Fleet;

/// <summary>
/// System.Text.Json's generated code for every body fleet sends or takes: no reflection, and
/// pages decoded straight from the connection's buffer. Units are read by a hand-written
/// converter (see <see cref="FleetUnitJsonConverter"/> for why).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(FleetUnitJsonConverter)])]
[JsonSerializable(typeof(UnitPage))]
[JsonSerializable(typeof(UnitStatePage))]
[JsonSerializable(typeof(MachinePage))]
[JsonSerializable(typeof(FleetUnit))]
[JsonSerializable(typeof(UnitState))]
[JsonSerializable(typeof(DiscoveryDocument))]
[JsonSerializable(typeof(ErrorEntity))]
[JsonSerializable(typeof(UnitBody))]
[JsonSerializable(typeof(DesiredStateBody))]
[JsonSerializable(typeof(List<MetadataOpBody>))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;

/// <summary>The one field of fleet's discovery document the client checks.</summary>
internal sealed record DiscoveryDocument([property: JsonPropertyName("id")] string? Id);

/// <summary>fleet's error answer: <c>{"error":{"code":N,"message":"..."}}</c>.</summary>
internal sealed record ErrorEntity([property: JsonPropertyName("error")] ErrorDetail? Error);

/// <summary>The inside of an <see cref="ErrorEntity"/>.</summary>
internal sealed record ErrorDetail([property: JsonPropertyName("code")] int Code, [property: JsonPropertyName("message")] string? Message);

/// <summary>A PUT that creates or replaces a unit, as fleetctl writes it; without a desired state the field is left out.</summary>
internal sealed record UnitBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("desiredState")] DesiredState? DesiredState,
    [property: JsonPropertyName("options")] IReadOnlyList<UnitOption> Options);

/// <summary>A PUT that changes only a unit's desired state.</summary>
internal sealed record DesiredStateBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("desiredState")] DesiredState DesiredState);

/// <summary>One operation of a metadata PATCH; fleet wraps the value in an object.</summary>
internal sealed record MetadataOpBody(
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("value")] MetadataValue? Value);

/// <summary>The value of a metadata operation: <c>{"value":"..."}</c>.</summary>
internal sealed record MetadataValue([property: JsonPropertyName("value")] string Value);
