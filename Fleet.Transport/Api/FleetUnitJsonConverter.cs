using System.Text.Json;
using System.Text.Json.Serialization;
using Fleet.Core;
using Fleet.Core.Collections;
using Fleet.UnitFiles.Parsing;

namespace Fleet;

/// <summary>
/// Reads fleet's unit entity straight into <see cref="FleetUnit"/>: the serializer's own path for
/// a record with a five-parameter constructor gathers the arguments into an array, boxes the two
/// states and copies the options from a List into the unit's list, and for every option does the
/// same again. That was most of what a GET of a unit allocated beyond the unit itself. Section
/// and option names that unit files use most are handed out as shared strings, as the unit-file
/// parser does.
/// </summary>
/// <remarks>
/// It accepts exactly what the generated serializer accepted: properties matched by exact name,
/// the last of a repeated one kept, unknown ones skipped, null for any of them, and null options
/// kept for <see cref="MissingValues"/> to report; a missing name reaches the records'
/// constructors as null, which refuse it as before.
/// </remarks>
internal sealed class FleetUnitJsonConverter : JsonConverter<FleetUnit>
{
    private static readonly DesiredStateJsonConverter States = new();

    public override FleetUnit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, Field.Unit);
        string? name = null, machineId = null;
        ValueList<UnitOption>? unitOptions = null;
        DesiredState? desiredState = null, currentState = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader, Field.Name);
            else if (reader.ValueTextEquals("options"u8)) unitOptions = ReadOptions(ref reader);
            else if (reader.ValueTextEquals("desiredState"u8)) desiredState = ReadState(ref reader, options);
            else if (reader.ValueTextEquals("currentState"u8)) currentState = ReadState(ref reader, options);
            else if (reader.ValueTextEquals("machineID"u8)) machineId = ReadString(ref reader, Field.MachineId);
            else Skip(ref reader);
        }
        return new FleetUnit(name!, unitOptions, desiredState, currentState, machineId);
    }

    public override void Write(Utf8JsonWriter writer, FleetUnit value, JsonSerializerOptions options)
    {
        // The generated serializer's output for the record, nulls left out as the context asks.
        writer.WriteStartObject();
        writer.WriteString("name"u8, value.Name);
        writer.WriteStartArray("options"u8);
        foreach (var option in value.Options)
        {
            if (option is null)
            {
                writer.WriteNullValue();
                continue;
            }
            writer.WriteStartObject();
            writer.WriteString("section"u8, option.Section);
            writer.WriteString("name"u8, option.Name);
            writer.WriteString("value"u8, option.Value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        WriteState(writer, "desiredState"u8, value.DesiredState, options);
        WriteState(writer, "currentState"u8, value.CurrentState, options);
        if (value.MachineId is { } machineId) writer.WriteString("machineID"u8, machineId);
        writer.WriteEndObject();
    }

    private static void WriteState(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DesiredState? state, JsonSerializerOptions options)
    {
        if (state is not { } value) return;
        writer.WritePropertyName(name);
        States.Write(writer, value, options);
    }

    private static ValueList<UnitOption>? ReadOptions(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartArray, Field.Options);
        // Most units have a handful of options: they are gathered on the stack and copied once
        // into the list's exact array. A longer list spills into a growing array.
        var gathered = new OptionBuffer();
        Span<UnitOption?> first = gathered;
        var count = 0;
        UnitOption?[]? all = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var option = reader.TokenType == JsonTokenType.Null ? null : ReadOption(ref reader, count);
            if (all is null && count == first.Length)
            {
                all = new UnitOption?[first.Length * 2];
                first.CopyTo(all);
            }
            else if (all is not null && count == all.Length)
            {
                Array.Resize(ref all, all.Length * 2);
            }
            (all is null ? first : all)[count++] = option;
        }
        ReadOnlySpan<UnitOption?> read = all is null ? first[..count] : all.AsSpan(0, count);
        return ValueList.Create<UnitOption>(read!);
    }

    private static UnitOption ReadOption(ref Utf8JsonReader reader, int index)
    {
        Expect(ref reader, JsonTokenType.StartObject, Field.Option, index);
        string? section = null, name = null, value = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("section"u8)) section = ReadName(ref reader, KnownSections.Find, Field.Section, index);
            else if (reader.ValueTextEquals("name"u8)) name = ReadName(ref reader, KnownOptionNames.Find, Field.OptionName, index);
            else if (reader.ValueTextEquals("value"u8)) value = ReadString(ref reader, Field.Value, index);
            else Skip(ref reader);
        }
        return new UnitOption(section!, name!, value!);
    }

    private static DesiredState? ReadState(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : States.Read(ref reader, typeof(DesiredState), options);
    }

    private static string? ReadString(ref Utf8JsonReader reader, Field field, int index = 0)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw Unexpected(ref reader, field, index, "a string"),
        };
    }

    private static string? ReadName(ref Utf8JsonReader reader, KnownName find, Field field, int index)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && find(reader.ValueSpan) is { } known)
        {
            return known;
        }
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw Unexpected(ref reader, field, index, "a string"),
        };
    }

    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        // The reader itself refuses anything but a property name or the object's end here.
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, Field field, int index = 0)
    {
        if (reader.TokenType != type) throw Unexpected(ref reader, field, index, type == JsonTokenType.StartArray ? "an array" : "an object");
    }

    // The field is named only when the message is made: a name built per option ahead of time
    // cost more than the option itself.
    private static JsonException Unexpected(ref Utf8JsonReader reader, Field field, int index, string expected)
    {
        var what = field switch
        {
            Field.Unit => "a unit",
            Field.Name => "the unit's name",
            Field.MachineId => "the unit's machineID",
            Field.Options => "the unit's options",
            Field.Option => $"option {index}",
            Field.Section => $"option {index}'s section",
            Field.OptionName => $"option {index}'s name",
            _ => $"option {index}'s value",
        };
        return new($"{what} is {Describe(reader.TokenType)}, not {expected} (at byte {reader.TokenStartIndex})");
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    private delegate string? KnownName(ReadOnlySpan<byte> name);

    private enum Field
    {
        Unit,
        Name,
        MachineId,
        Options,
        Option,
        Section,
        OptionName,
        Value,
    }

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct OptionBuffer
    {
        public const int Length = 16;
        private UnitOption? first;
    }
}
