using System.Text;
using Fleet.Core;

namespace Fleet.UnitFiles.Tests;

/// <summary>Every way fleet refuses a unit file gives an error that says what and where.</summary>
public class ParseErrorTests
{
    private static APIError Refused(string text) => Assert.Single(UnitFile.Parse(text).LeftToSeq());

    [Fact]
    public void An_unterminated_section_points_at_its_bracket()
    {
        var error = Refused("[Unit]\nDescription=x\n\n[Service\nExecStart=/bin/true\n");
        Assert.Equal(ErrorKind.UnitFile, error.Kind);
        Assert.Equal(new SourceLocation(4, 1, 22), error.Location);
        Assert.StartsWith("unable to find end of section", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4, column 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_section_header_is_quoted_and_located()
    {
        var error = Refused("[Unit] trailing\nDescription=x\n");
        Assert.Equal(new SourceLocation(1, 8, 7), error.Location);
        Assert.Contains("\"trailing\"", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("found garbage after section name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newline_in_an_option_name_names_the_option()
    {
        var error = Refused("[Service]\nExecStart\n=/bin/true\n");
        Assert.Equal(new SourceLocation(2, 10, 19), error.Location);
        Assert.Contains("\"ExecStart\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected newline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_carriage_return_in_an_option_name_is_a_newline_too()
    {
        Assert.Equal(new SourceLocation(2, 5, 14), Refused("[Service]\nExec\r\n").Location);
    }

    [Fact]
    public void End_of_file_inside_an_option_name_points_at_the_end()
    {
        var error = Refused("[Service]\nExecStart");
        Assert.Equal(new SourceLocation(2, 10, 19), error.Location);
        Assert.Contains("unexpected end of file", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"ExecStart\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        Assert.Equal(new SourceLocation(2, 5, 16), Refused("[Service]\n\u00c9x\u00e9c\n").Location);
    }

    [Theory]
    [InlineData(2047, true)]
    [InlineData(2048, false)]
    [InlineData(5000, false)]
    public void A_line_of_2048_bytes_is_already_too_long(int lineLength, bool accepted)
    {
        var text = "[Service]\nE=" + new string('y', lineLength - 2) + "\nUser=core\n";
        var parsed = UnitFile.Parse(text);
        Assert.Equal(accepted, parsed.IsRight);
        foreach (var error in parsed.LeftToSeq())
        {
            Assert.Equal(2, error.Location!.Line);
            Assert.StartsWith("line too long (max 2048 bytes) at line 2", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_long_line_fleet_reads_without_checking_is_accepted_as_fleet_accepts_it()
    {
        // go-systemd checks the limit only when bufio (4096 bytes, filled from the start) holds at
        // least 2048 unread bytes as a step begins. An option starting at byte ~3000 begins with
        // ~1100 buffered, so fleet reads its 2500-byte line unchecked; at the top of the file the
        // same line is refused.
        var longOption = "Long=" + new string('x', 2500) + "\n";
        var filler = new StringBuilder("[Service]\n");
        while (filler.Length < 3000) filler.Append("Environment=PAD=0123456789\n");

        var late = UnitFile.Parse(filler + longOption + "User=core\n");
        var unit = Assert.Single(late.RightToSeq());
        Assert.Equal(new string('x', 2500), unit.Options[^2].Value);

        Assert.True(UnitFile.Parse("[Service]\n" + longOption).IsLeft);
    }

    [Fact]
    public void Errors_are_never_thrown_for_bad_bytes()
    {
        byte[] invalid = [(byte)'[', 0xFF, (byte)']', (byte)'\n', 0xC3, (byte)'=', 0xE2, 0x82, (byte)'\n'];
        var unit = Assert.Single(UnitFile.Parse(invalid).RightToSeq());
        // Each stray byte becomes U+FFFD, as fleet's JSON encoding turns it when the unit is stored.
        Assert.Equal(new UnitOption("\uFFFD", "\uFFFD", "\uFFFD\uFFFD"), Assert.Single(unit.Options));
    }
}
