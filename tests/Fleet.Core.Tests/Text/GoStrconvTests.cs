using Fleet.Core.Text;

namespace Fleet.Core.Tests.Text;

/// <summary>Go's strconv.ParseBool, with the cases of Go's own atob_test.go.</summary>
public class GoStrconvTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("0", false)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void Go_spellings_are_read(string text, bool value) => Assert.Equal(value, GoStrconv.ParseBool(text));

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("tRUE")]
    [InlineData("fAlSe")]
    [InlineData(" true")]
    [InlineData("2")]
    public void Other_text_is_neither(string text) => Assert.Null(GoStrconv.ParseBool(text));
}
