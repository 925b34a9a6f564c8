using System.Text;
using Fleet.Core;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Fleet.UnitFiles.Tests.Properties;

/// <summary>
/// fleet's writer and reader agree: every valid option list (<see cref="ValidOption"/>) written as
/// fleet writes it reads back as the same options, grouped by section as the writer groups them.
/// </summary>
public class RoundTripProperties
{
    [Property(Arbitrary = new[] { typeof(UnitFileArbitraries) }, MaxTest = 1000)]
    public Property Written_options_read_back_grouped_by_section(ValidOptionList list)
    {
        var written = UnitFile.FromOptions(list.Options).ToUtf8Bytes();
        var expected = OptionOrder.GroupedBySection(list.Options);
        var read = Parsed.Unit(UnitFile.Parse(written), out var error);

        return Prop.ToProperty(() =>
            {
                Assert.True(read is not null, $"the written text was refused: {error}\ntext: {Show.Text(Encoding.UTF8.GetString(written))}");
                Assert.Equal(expected, read.Options);
                if (list.IsGrouped) Assert.Equal(list.Options, read.Options);
            })
            .Classify(list.IsGrouped, "already grouped")
            .Classify(!list.IsGrouped, "interleaved")
            .Classify(list.SectionCount > 16, "more than 16 sections")
            .Classify(list.Options.Any(o => o.Value.Contains('\n', StringComparison.Ordinal)), "has a continuation");
    }

    [Fact]
    public void A_value_ending_in_a_backslash_swallows_the_next_line_and_the_text_settles()
    {
        UnitOption[] options = [new("Service", "ExecStart", "/bin/echo a \\"), new("Service", "User", "core")];
        Assert.False(ValidOption.IsValidValue(options[0].Value));

        var written = UnitFile.FromOptions(options).ToUtf8Bytes();
        Assert.Equal("[Service]\nExecStart=/bin/echo a \\\nUser=core\n", Encoding.UTF8.GetString(written));

        var read = Assert.Single(UnitFile.Parse(written).RightToSeq());
        Assert.Equal([new UnitOption("Service", "ExecStart", "/bin/echo a \\\nUser=core")], read.Options);
        Assert.Equal(written, read.ToUtf8Bytes());
    }
}
