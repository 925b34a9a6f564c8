using System.Text;
using Fleet.Core.Text;

namespace Fleet.Core.Tests;

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
}
