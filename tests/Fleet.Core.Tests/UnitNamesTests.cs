
namespace Fleet.Core.Tests;

public class UnitNamesTests
{
    [Theory]
    [InlineData("", "unit name cannot be empty")]
    [InlineData("hello", "unit name must contain \".\"")]
    [InlineData("hello.", "unit name cannot end in \".\"")]
    [InlineData("hello.foo", "invalid unit type: \"foo\"")]
    [InlineData("hello.Service", "invalid unit type: \"Service\"")]
    [InlineData("web@.mount", "invalid unit type for template: \"mount\"")]
    [InlineData("web@1.device", "invalid unit type for template: \"device\"")]
    [InlineData("hel!o.service", "invalid character '!' in unit name")]
    [InlineData("a b.service", "invalid character ' ' in unit name")]
    [InlineData("a\tb.service", "invalid character '\\t' in unit name")]
    [InlineData("a\u0001b.service", "invalid character '\\x01' in unit name")]
    [InlineData("caf\u00e9.service", "invalid character '\u00e9' in unit name")]
    [InlineData("a/b.service", "invalid character '/' in unit name")]
    [InlineData("@web.service", "unit name cannot start in \"@\"")]
    [InlineData("@.service", "unit name cannot start in \"@\"")]
    public void Refuses_names_fleet_refuses_with_fleets_message(string name, string message)
    {
        var error = Assert.Single(UnitNames.Validate(name).LeftToSeq());
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal(message, error.Message);
        Assert.False(UnitNames.IsValid(name));
    }

    [Theory]
    [InlineData("hello.service")]
    [InlineData("web@.service")]
    [InlineData("web@1.service")]
    [InlineData("web@a@b.socket")]
    [InlineData("a:b-c_d.e\\f.timer")]
    [InlineData("dev-sda1.device")]
    [InlineData("x.automount")]
    [InlineData("multi-user.target")]
    public void Accepts_names_fleet_accepts(string name)
    {
        Assert.Equal(name, Assert.Single(UnitNames.Validate(name).RightToSeq()));
        Assert.True(UnitNames.IsValid(name));
    }

    [Fact]
    public void Length_is_counted_in_utf8_bytes_up_to_256()
    {
        var longest = new string('a', 256 - ".service".Length) + ".service";
        Assert.True(UnitNames.IsValid(longest));
        Assert.Equal("unit name exceeds maximum length (256)", Assert.Single(UnitNames.Validate("a" + longest).LeftToSeq()).Message);

        // 128 two-byte characters are 256 bytes before the suffix: too long, though only 136 chars.
        var wide = new string('\u00e9', 128) + ".service";
        Assert.Equal("unit name exceeds maximum length (256)", Assert.Single(UnitNames.Validate(wide).LeftToSeq()).Message);
    }

    [Fact]
    public void Null_is_an_empty_name()
    {
        Assert.Equal("unit name cannot be empty", Assert.Single(UnitNames.Validate(null).LeftToSeq()).Message);
    }
}
