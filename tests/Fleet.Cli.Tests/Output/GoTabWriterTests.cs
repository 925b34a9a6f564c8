using Fleet.Cli.Output;

namespace Fleet.Cli.Tests.Output;

/// <summary>
/// The port of Go's tabwriter with fleetctl's settings (minwidth 0, tabwidth 8, padding 1, padchar
/// tab). Every expected output here is what Go's text/tabwriter wrote for the same input.
/// </summary>
public sealed class GoTabWriterTests
{
    [Theory]
    // A cell is widened to a multiple of eight past its widest text plus one, in tabs.
    [InlineData("a\tb\n", "a\tb\n")]
    [InlineData("1234567\tx\n12345678\ty\n", "1234567\t\tx\n12345678\ty\n")]
    [InlineData("MACHINE\tIP\n222f532f...\t172.17.8.101\n", "MACHINE\t\tIP\n222f532f...\t172.17.8.101\n")]
    // A line without a tab ends the column block: the lines after it are aligned on their own.
    [InlineData("aaaaaaaaaaaa\tb\nbreak\nc\td\n", "aaaaaaaaaaaa\tb\nbreak\nc\td\n")]
    // The last cell of a line is not part of any column.
    [InlineData("a\tbbbbbbbbbbbbbbbbbb\nc\td\te\n", "a\tbbbbbbbbbbbbbbbbbb\nc\td\te\n")]
    // Text after the last newline is written without one.
    [InlineData("a\tb", "a\tb")]
    // Widths count characters, not UTF-16 units or bytes.
    [InlineData("ééééééé\tx\nabc\ty\n", "ééééééé\tx\nabc\ty\n")]
    [InlineData("\tindented\n", "\tindented\n")]
    // Nested blocks: the second column is aligned only over the lines that have one.
    [InlineData("x\ty\tz\nlonger text\tq\nab\tcd\tef\tgh\n\t\n", "x\t\ty\tz\nlonger text\tq\nab\t\tcd\tef\tgh\n\t\t\n")]
    public void Matches_go(string input, string expected)
    {
        using var output = new StringWriter();
        var writer = new GoTabWriter(output);
        writer.Write(input);
        writer.Flush();
        Assert.Equal(expected, output.ToString());
    }
}
