using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleet.Core;

/// <summary>
/// A <see cref="DesiredState"/> in JSON as fleet has it: one of its three names, as a string, both
/// ways. A number, or any other text, does not read as a state; a value outside the enum is never
/// written (System.Text.Json's enum converter would write it as a number, which fleet refuses).
/// <see cref="DesiredState"/> names it, so every serializer, generated or not, uses it; public
/// only because generated serializers in other assemblies construct it.
/// </summary>
public sealed class DesiredStateJsonConverter : JsonConverter<DesiredState>
{
    /// <summary>Reads <c>"inactive"</c>, <c>"loaded"</c> or <c>"launched"</c>.</summary>
    /// <param name="reader">The reader, at the value.</param>
    /// <param name="typeToConvert">The type, <see cref="DesiredState"/>.</param>
    /// <param name="options">The serializer's options; unused.</param>
    /// <returns>The state.</returns>
    /// <exception cref="JsonException">The value is not a string, or not one of the three.</exception>
    public override DesiredState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        // DesiredStates.Parse's three names, compared in place (escapes undone) rather than read
        // into a string: every unit of a listing carries two states. Without a message, the
        // serializer's own says which value at which path could not be read.
        reader.TokenType != JsonTokenType.String ? throw new JsonException()
        : reader.ValueTextEquals("inactive"u8) ? DesiredState.Inactive
        : reader.ValueTextEquals("loaded"u8) ? DesiredState.Loaded
        : reader.ValueTextEquals("launched"u8) ? DesiredState.Launched
        : throw new JsonException();

    /// <summary>Writes fleet's name of the state, as a string.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The state.</param>
    /// <param name="options">The serializer's options; unused.</param>
    /// <exception cref="JsonException"><paramref name="value"/> is not one of the three. The client checks every state before it builds a request, so this only keeps a number off the wire.</exception>
    public override void Write(Utf8JsonWriter writer, DesiredState value, JsonSerializerOptions options) =>
        DesiredStates.Validate(value, nameof(value)).Match(
            state => writer.WriteStringValue(state.ToFleetString()),
            error => throw new JsonException(error.Message));
}
