using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fleet.Core;

namespace Fleet.Transport.Tests.Api;

/// <summary>
/// The hand-written unit reader must take and refuse exactly what System.Text.Json's generated
/// serializer for <see cref="FleetUnit"/> took and refused, and give the same units.
/// </summary>
public sealed class FleetUnitJsonTests
{
    public static TheoryData<string> Accepted() =>
    [
        """{"currentState":"loaded","desiredState":"loaded","machineID":"222f532fc7580e18ebfca1f8614c8086","name":"hello.service","options":[{"name":"Description","section":"Unit","value":"Hello World"},{"name":"ExecStart","section":"Service","value":"/bin/bash -c \"while true; do echo \\\"Hello, world\\\"; sleep 1; done\""}]}""",
        """{"name":"a.service"}""",
        """{"name":"a.service","options":null,"desiredState":null,"currentState":null,"machineID":null}""",
        """{"name":"a.service","options":[]}""",
        """{"name":"a.service","options":[null,{"section":"Unit","name":"After","value":""}]}""",
        """{"name":"first","name":"second","options":[{"section":"X","name":"Y","value":"1"}],"options":[{"section":"Unit","name":"Z","value":"2"}]}""",
        """{"unknown":{"deep":[1,2,{"x":null}]},"name":"a.service","extra":true,"options":[{"section":"Unit","name":"Wants","value":"b","more":[1]}]}""",
        """{"n\u0061me":"esc\u00e9.service","options":[{"s\u0065ction":"Un\u0069t","name":"Descr\u0069ption","value":"\ud83d\ude00 \u0000"}]}""",
        """{"Name":"ignored because names match exactly","name":"a.service","Options":[1]}""",
        """{"name":"a.service","desiredState":"launched","currentState":"inactive"}""",
        "{\"name\":\"a.service\",\"options\":[" + string.Join(",", Enumerable.Range(0, 40).Select(i => $$"""{"section":"Service","name":"Environment","value":"N={{i}}"}""")) + "]}",
        "{\"name\":\"a.service\",\"options\":[" + string.Join(",", Enumerable.Range(0, 16).Select(i => $$"""{"section":"Unit","name":"N{{i}}","value":"v"}""")) + "]}",
        "{\"name\":\"a.service\",\"options\":[" + string.Join(",", Enumerable.Range(0, 17).Select(i => $$"""{"section":"Unit","name":"N{{i}}","value":"v"}""")) + "]}",
    ];

    public static TheoryData<string> Refused() =>
    [
        """{"name":42}""",
        """{"name":"a.service","options":{}}""",
        """{"name":"a.service","options":[1]}""",
        """{"name":"a.service","options":[[]]}""",
        """{"name":"a.service","options":[{"section":"Unit","name":"A","value":7}]}""",
        """{"name":"a.service","options":[{"section":true,"name":"A","value":"v"}]}""",
        """{"name":"a.service","options":[{"section":"Unit","name":{},"value":"v"}]}""",
        """{"name":"a.service","desiredState":"running"}""",
        """{"name":"a.service","currentState":3}""",
        """{"name":"a.service","machineID":[]}""",
        """[]""",
        "\"a unit\"",
        """{"name":"a.service","options":[{"section":"Unit","name":"A","value":"v"}""",
    ];

    public static TheoryData<string, string> MissingFields() =>
    new()
    {
        { """{"options":[]}""", "Name" },
        { """{"name":null}""", "Name" },
        { """{"name":"a","options":[{"name":"A","value":"v"}]}""", "Section" },
        { """{"name":"a","options":[{"section":"Unit","value":"v"}]}""", "Name" },
        { """{"name":"a","options":[{"section":"Unit","name":"A","value":null}]}""", "Value" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void It_reads_what_the_generated_serializer_read(string json)
    {
        var expected = JsonSerializer.Deserialize(json, GeneratedUnits.Default.FleetUnit);

        var read = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), FleetJsonContext.Default.FleetUnit);

        Assert.NotNull(read);
        Assert.Equal(expected, read);
        Assert.Equal(expected!.Options.Count, read.Options.Count);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void It_refuses_what_the_generated_serializer_refused(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, GeneratedUnits.Default.FleetUnit));

        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), FleetJsonContext.Default.FleetUnit));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [MemberData(nameof(MissingFields))]
    public void A_missing_field_is_refused_by_the_record_as_before(string json, string field)
    {
        Assert.Equal(field, Assert.Throws<ArgumentNullException>(() => JsonSerializer.Deserialize(json, GeneratedUnits.Default.FleetUnit)).ParamName);

        var error = Assert.Throws<ArgumentNullException>(() => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), FleetJsonContext.Default.FleetUnit));

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void A_wrongly_typed_field_is_named_with_its_place()
    {
        const string json = """{"name":"a.service","options":[{"section":"Unit","name":"A","value":"v"},{"section":"Unit","name":"B","value":7}]}""";

        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), FleetJsonContext.Default.FleetUnit));

        Assert.Equal($"option 1's value is a number, not a string (at byte {json.IndexOf(":7", StringComparison.Ordinal) + 1})", error.Message);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void It_writes_what_the_generated_serializer_wrote(string json)
    {
        var unit = JsonSerializer.Deserialize(json, GeneratedUnits.Default.FleetUnit)!;

        Assert.Equal(
            JsonSerializer.Serialize(unit, GeneratedUnits.Default.FleetUnit),
            JsonSerializer.Serialize(unit, FleetJsonContext.Default.FleetUnit));
    }
}

/// <summary>The serializer the converter replaced: System.Text.Json's generated code for the record.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FleetUnit))]
internal sealed partial class GeneratedUnits : JsonSerializerContext;
