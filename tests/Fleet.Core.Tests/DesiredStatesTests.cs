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
