using System.Text;
using Fleet.Core.Text;

namespace Fleet.Core.Tests.Text;

public class GoQuotingTests
{
    [Theory]
    [InlineData("foo", "\"foo\"")]
    [InlineData("", "\"\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\tnew\nret\r", "\"tab\\tnew\\nret\\r\"")]
    [InlineData("\a\b\f\v", "\"\\a\\b\\f\\v\"")]
    [InlineData("\u0001\u007f", "\"\\x01\\x7f\"")]
    [InlineData("caf\u00e9 \u4e16", "\"caf\u00e9 \u4e16\"")]
    [InlineData("nb\u00a0sp", "\"nb\\u00a0sp\"")]
    [InlineData("zw\u200bsp", "\"zw\\u200bsp\"")]
    [InlineData("\U0001F600", "\"\U0001F600\"")]
    [InlineData("\U000E0001", "\"\\U000e0001\"")]
    [InlineData("it's", "\"it's\"")]
    public void Quotes_strings_as_go_does(string text, string quoted) =>
        Assert.Equal(quoted, GoQuoting.Quote(text));

    [Theory]
    [InlineData('!', "'!'")]
    [InlineData('\'', "'\\''")]
    [InlineData('"', "'\"'")]
    [InlineData('\n', "'\\n'")]
    [InlineData('\u00e9', "'\u00e9'")]
    public void Quotes_runes_as_go_does(char c, string quoted) =>
        Assert.Equal(quoted, GoQuoting.QuoteRune(new Rune(c)));

    // Characters newer than Unicode 13: printable to .NET 10, escaped by the Go that built fleet.
    [Theory]
    [InlineData(0x1FAE0, "'\\U0001fae0'")]
    [InlineData(0x0870, "'\\u0870'")]
    [InlineData(0x1CC00, "'\\U0001cc00'")]
    [InlineData(0x1F600, "'\U0001F600'")]
    public void Judges_printability_by_go_1_19s_unicode_tables(int codePoint, string quoted) =>
        Assert.Equal(quoted, GoQuoting.QuoteRune(new Rune(codePoint)));

    [Fact]
    public void Fleets_messages_escape_newer_characters_the_same_way()
    {
        Assert.Equal("invalid character '\\U0001fae0' in unit name", Assert.Single(Fleet.Core.UnitNames.Validate("a\U0001FAE0.service").LeftToSeq()).Message);
        Assert.Equal("invalid unit type: \"serv\\u0870\"", Assert.Single(Fleet.Core.UnitNames.Validate("a.serv\u0870").LeftToSeq()).Message);
    }
}
