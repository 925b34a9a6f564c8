using System.Text;
using Fleet.Core;

namespace Fleet.UnitFiles.Tests;

/// <summary>ParseAsFleet refuses what Parse refuses, in go-systemd's own words, which fleetctl prints.</summary>
public class FleetWordingTests
{
    [Theory]
    [InlineData("[Service\nExecStart=/bin/true\n", "unable to find end of section")]
    [InlineData("[Service] x\nExecStart=/bin/true\n", "found garbage after section name : [120]")]
    [InlineData("[Service]\nExecStart\n", "unexpected newline encountered while parsing option name")]
    [InlineData("[Service]\nExecStart", "EOF")]
    public void A_refused_file_gets_go_systemds_words(string text, string message)
    {
        var error = Assert.Single(UnitFile.ParseAsFleet(Encoding.UTF8.GetBytes(text)).LeftToSeq());

        Assert.Equal((ErrorKind.UnitFile, message), (error.Kind, error.Message));
        Assert.NotNull(error.Location);
    }

    [Fact]
    public void A_line_too_long_gets_fleets_words()
    {
        var error = Assert.Single(UnitFile.ParseAsFleet(Encoding.UTF8.GetBytes("[Service]\nExecStart=/bin/" + new string('x', 3000) + "\n")).LeftToSeq());

        Assert.Equal("line too long (max 2048 bytes)", error.Message);
    }

    [Fact]
    public void An_accepted_file_is_the_same_as_Parse_gives()
    {
        const string text = "[Unit]\nDescription=x\n\n[Service]\nExecStart=/bin/true\n";

        Assert.Equal(UnitFile.Parse(text), UnitFile.ParseAsFleet(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(UnitFile.Empty, UnitFile.ParseAsFleet([]));
    }
}
