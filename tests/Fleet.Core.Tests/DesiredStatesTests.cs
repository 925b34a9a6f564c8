using System.Text.Json;

namespace Fleet.Core.Tests;

public class DesiredStatesTests
{
    [Theory]
    [InlineData("inactive", DesiredState.Inactive)]
    [InlineData("loaded", DesiredState.Loaded)]
    [InlineData("launched", DesiredState.Launched)]
    public void Reads_and_writes_fleets_spelling(string text, DesiredState state)
    {
        Assert.Equal(state, Assert.Single(DesiredStates.Parse(text).RightToSeq()));
        Assert.Equal(text, state.ToFleetString());
        Assert.Equal($"\"{text}\"", JsonSerializer.Serialize(state));
        Assert.Equal(state, JsonSerializer.Deserialize<DesiredState>($"\"{text}\""));
        Assert.Equal(state, Assert.Single(DesiredStates.Validate(state, "desiredState").RightToSeq()));
    }

    [Theory]
    [InlineData(42)]
    [InlineData(3)]
    [InlineData(-1)]
    public void A_number_outside_the_enum_is_refused_naming_where_it_was_given_and_the_value(int value)
    {
        var state = (DesiredState)value;

        var error = Assert.Single(DesiredStates.Validate(state, "options.DesiredState").LeftToSeq());

        Assert.Equal(
            (ErrorKind.Validation, $"options.DesiredState {value} is not a DesiredState: state must be one of: ['inactive', 'loaded', 'launched']", "options.DesiredState"),
            (error.Kind, error.Message, error.Parameter));
        Assert.StartsWith($"state {value} is not a DesiredState", Assert.Throws<ArgumentOutOfRangeException>(() => state.ToFleetString()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public void Json_never_writes_a_number_outside_the_enum(int value)
    {
        var unit = new FleetUnit("hello.service", desiredState: (DesiredState)value);

        Assert.Throws<JsonException>(() => JsonSerializer.Serialize((DesiredState)value));
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(unit));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("42")]
    [InlineData("\"2\"")]
    [InlineData("\"inactive, loaded\"")]
    public void Json_reads_only_fleets_three_names(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DesiredState>(json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FleetUnit>($"{{\"name\":\"hello.service\",\"desiredState\":{json}}}"));
    }

    [Theory]
    [InlineData("running")]
    [InlineData("Launched")]
    [InlineData(" loaded")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else_with_python_fleets_message(string? text)
    {
        var error = Assert.Single(DesiredStates.Parse(text).LeftToSeq());
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("state must be one of: ['inactive', 'loaded', 'launched']", error.Message);
    }
}
