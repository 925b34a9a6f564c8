using Fleet.Cli.Commands;
using Fleet.Cli.Lifecycle;
using Fleet.Core;

namespace Fleet.Cli.Tests.Lifecycle;

/// <summary>How arguments become unit names and file paths, and which command's replace rules apply, as in fleetctl.</summary>
public sealed class UnitArgumentTests
{
    [Theory]
    [InlineData("ping", "ping.service")]
    [InlineData("units/hello.service", "hello.service")]
    [InlineData("web@1.socket", "web@1.socket")]
    [InlineData("backup.timer", "backup.timer")]
    // fleet's RecognizedUnitType knows seven types; a target is not one of them.
    [InlineData("multi-user.target", "multi-user.target.service")]
    public void Names_are_mangled_as_fleetctl_does(string argument, string name) => Assert.Equal(name, UnitArguments.Mangle(argument));

    [Theory]
    [InlineData("web@1.service", "web@.service", "web@.service")]
    [InlineData("./web@1.service", "web@.service", "web@.service")]
    [InlineData("units/web@1.service", "web@.service", "units/web@.service")]
    [InlineData("/srv/units//web@1.service", "web@.service", "/srv/units/web@.service")]
    [InlineData("../units/web@1.service", "web@.service", "../units/web@.service")]
    public void Templates_are_looked_for_beside_the_instance(string file, string template, string expected) => Assert.Equal(expected, GoPaths.Beside(file, template));

    [Fact]
    public void The_last_command_word_chooses_the_replace_rules()
    {
        Assert.Equal("submit", ReplaceRules.For(["--endpoint", "x", "submit", "--replace", "a.service"])!.Command);
        // fleetctl's main takes the last such word, even a unit's name.
        Assert.Equal("start", ReplaceRules.For(["load", "--replace", "start"])!.Command);
        Assert.Equal([DesiredState.Inactive, DesiredState.Loaded], ReplaceRules.For(["load"])!.Allowed.Order());
        Assert.Null(ReplaceRules.For(["restart", "a.service"]));
    }

    [Fact]
    public void Attempts_are_named_as_go_prints_durations() => Assert.Equal("2s", WaitTiming.Fleetctl.AttemptText);
}
