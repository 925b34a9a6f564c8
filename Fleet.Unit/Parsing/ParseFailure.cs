using System.Globalization;
using System.Text;
using Fleet.Core;
using Fleet.Core.Text;

namespace Fleet.UnitFiles.Parsing;

/// <summary>
/// A rejected unit file: the reason, where, and the bytes the message quotes (offsets into the
/// parsed text). Rendered two ways: a message for people, with line and column, and the exact
/// text fleet's API answers with for the same problem.
/// </summary>
internal readonly record struct ParseFailure(UnitFileProblem Problem, int Offset, int QuoteStart, int QuoteEnd)
{
    public APIError ToError(ReadOnlySpan<byte> text)
    {
        var location = SourceLocation.Of(text, Offset);
        var quoted = GoQuoting.Quote(GoText.ToText(text[QuoteStart..QuoteEnd]));
        var message = Problem switch
        {
            UnitFileProblem.UnterminatedSection =>
                $"unable to find end of section: the \"[\" at {location} is never closed by \"]\"",
            UnitFileProblem.TextAfterSection =>
                $"found garbage after section name at {location}: {quoted} (nothing may follow \"]\" on its line)",
            UnitFileProblem.NewlineInOptionName =>
                $"unexpected newline encountered while parsing option name {quoted} at {location} (an option is Name=Value on one line)",
            UnitFileProblem.EndOfFileInOptionName =>
                $"unexpected end of file while parsing option name {quoted} at {location} (an option is Name=Value)",
            UnitFileProblem.LineTooLong =>
                $"line too long (max {UnitFileParser.LineMax} bytes) at line {location.Line}: fleet, like systemd, refuses lines of {UnitFileParser.LineMax} bytes or more",
            _ => throw new InvalidOperationException($"no message for {Problem}"),
        };
        return APIError.UnitFile(message, location);
    }

    /// <summary>go-systemd's own wording, which fleet's API puts in its 400 answers.</summary>
    public string FleetMessage(ReadOnlySpan<byte> text) => Problem switch
    {
        UnitFileProblem.UnterminatedSection => "unable to find end of section",
        UnitFileProblem.TextAfterSection => "found garbage after section name : " + GoByteSlice(text[QuoteStart..QuoteEnd]),
        UnitFileProblem.NewlineInOptionName => "unexpected newline encountered while parsing option name",
        UnitFileProblem.EndOfFileInOptionName => "EOF",
        UnitFileProblem.LineTooLong => $"line too long (max {UnitFileParser.LineMax} bytes)",
        _ => throw new InvalidOperationException($"no message for {Problem}"),
    };

    // Go prints a []byte with %v as its decimal bytes: [116 114 97].
    private static string GoByteSlice(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0) builder.Append(' ');
            builder.Append(bytes[i].ToString(CultureInfo.InvariantCulture));
        }
        return builder.Append(']').ToString();
    }
}
