using System.Diagnostics;
using Fleet.Core;
using Fleet.Core.Collections;

namespace Fleet.UnitFiles.Parsing;

/// <summary>
/// go-systemd's unit-file lexer (the one fleet v1.0.0 vendors), step for step, over bytes.
/// The steps matter: the 2048-byte line limit is checked at the start of each one, only when
/// bufio has at least that much buffered, so the step boundaries decide what fleet refuses.
/// </summary>
internal static class UnitFileParser
{
    /// <summary>systemd's LINE_MAX as go-systemd assumes it; a line of this length is already too long.</summary>
    public const int LineMax = 2048;

    private enum Step
    {
        NextSection,
        SectionName,
        SectionSuffix,
        IgnoreLine,
        NextSectionOrOption,
        OptionName,
        OptionValue,
    }

    /// <summary>Parses UTF-8 text; on failure returns null and says why in <paramref name="failure"/>.</summary>
    public static ValueList<UnitOption>? Parse(ReadOnlySpan<byte> text, out ParseFailure failure)
    {
        var reader = new GoBufferedReader(text);
        var options = new OptionListBuilder();
        var step = Step.NextSection;
        // The current section's name is made into a string only when an option needs it, so a
        // section without options (or a repeated header) allocates nothing.
        var inSection = false;
        string? section = null;
        int sectionStart = 0, sectionEnd = 0;
        string? optionName = null;
        int valueStart = 0, valueEnd = 0;
        var nextLineBreak = -1;
        failure = default;

        while (true)
        {
            if (reader.Buffered >= LineMax && reader.Position > nextLineBreak)
            {
                var index = text.Slice(reader.Position, LineMax).IndexOfAny((byte)'\r', (byte)'\n');
                if (index < 0) return Fail(out failure, UnitFileProblem.LineTooLong, reader.Position, ref options);
                nextLineBreak = reader.Position + index;
            }

            int rune;
            switch (step)
            {
                case Step.NextSection:
                    if (!reader.TryReadRune(out rune, out _)) return options.ToList();
                    step = rune == '[' ? Step.SectionName : IsComment(rune) ? Step.IgnoreLine : Step.NextSection;
                    break;

                case Step.SectionName:
                {
                    var open = reader.Position - 1;
                    var (start, end) = reader.ReadThrough((byte)']', out var atEnd);
                    if (atEnd) return Fail(out failure, UnitFileProblem.UnterminatedSection, open, ref options);
                    // The same name as the section before keeps its string (the options share it).
                    if (section is null || !SameName(text[start..(end - 1)], section))
                    {
                        section = null;
                        (sectionStart, sectionEnd) = (start, end - 1);
                    }
                    inSection = true;
                    step = Step.SectionSuffix;
                    break;
                }

                case Step.SectionSuffix:
                {
                    var (start, end) = ReadLine(ref reader, text, out _);
                    var garbage = GoText.TrimSpace(text[start..end]);
                    if (!garbage.IsEmpty)
                    {
                        text.Overlaps(garbage, out var at);
                        return Fail(out failure, UnitFileProblem.TextAfterSection, at, ref options, at, at + garbage.Length);
                    }
                    step = Step.NextSectionOrOption;
                    break;
                }

                case Step.IgnoreLine:
                    // A comment ends at a line that does not end in a backslash (one trailing space allowed).
                    while (true)
                    {
                        var (start, end) = ReadLine(ref reader, text, out _);
                        if (end > start && text[end - 1] == ' ') end--;
                        if (end == start || text[end - 1] != '\\') break;
                    }
                    step = inSection ? Step.NextSectionOrOption : Step.NextSection;
                    break;

                case Step.NextSectionOrOption:
                    if (!reader.TryReadRune(out rune, out var size)) return options.ToList();
                    if (GoText.IsSpace(rune)) break;
                    if (rune == '[') step = Step.SectionName;
                    else if (IsComment(rune)) step = Step.IgnoreLine;
                    else
                    {
                        reader.UnreadRune(size);
                        step = Step.OptionName;
                    }
                    break;

                case Step.OptionName:
                {
                    var start = reader.Position;
                    var stop = reader.SkipRunesThrough((byte)'=', (byte)'\n', (byte)'\r');
                    if (stop == -1)
                    {
                        return Fail(out failure, UnitFileProblem.EndOfFileInOptionName, text.Length, ref options, start, text.Length);
                    }
                    var end = reader.Position - 1;
                    if (stop != '=') return Fail(out failure, UnitFileProblem.NewlineInOptionName, end, ref options, start, end);
                    var name = GoText.TrimSpace(text[start..end]);
                    optionName = KnownOptionNames.Find(name) ?? GoText.ToText(name);
                    valueStart = valueEnd = reader.Position;
                    step = Step.OptionValue;
                    break;
                }

                case Step.OptionValue:
                {
                    // The value is one contiguous stretch of the text: continuation lines keep
                    // their backslash and newline, so it runs from after '=' to the last line read.
                    var (start, end) = ReadLine(ref reader, text, out var atEnd);
                    var trimmed = GoText.TrimSpace(text[start..end]);
                    if (!trimmed.IsEmpty)
                    {
                        valueEnd = end;
                        if (text[end - 1] == '\\')
                        {
                            if (!atEnd) valueEnd++;
                            break;
                        }
                    }
                    // Most values are one line: then the trimmed line is the value.
                    var value = start == valueStart ? GoText.ToText(trimmed) : OptionValue(text[valueStart..valueEnd]);
                    section ??= SectionName(text[sectionStart..sectionEnd]);
                    options.Add(new UnitOption(section, optionName!, value));
                    step = Step.NextSectionOrOption;
                    break;
                }
            }
        }
    }

    private static ValueList<UnitOption>? Fail(
        out ParseFailure failure, UnitFileProblem problem, int offset, ref OptionListBuilder options, int quoteStart = 0, int quoteEnd = 0)
    {
        options.Dispose();
        failure = new ParseFailure(problem, offset, quoteStart, quoteEnd);
        return null;
    }

    private static bool IsComment(int rune) => rune is '#' or ';';

    // go-systemd's toEOL: a line without its "\n", or without a final "\r" where the text ends.
    private static (int Start, int End) ReadLine(ref GoBufferedReader reader, ReadOnlySpan<byte> text, out bool atEnd)
    {
        var (start, end) = reader.ReadThrough((byte)'\n', out atEnd);
        if (end > start && text[end - 1] == '\r') end--;
        if (end > start && text[end - 1] == '\n') end--;
        return (start, end);
    }

    private static bool SameName(ReadOnlySpan<byte> name, string current) =>
        name.Length == current.Length && System.Text.Ascii.Equals(name, current);

    private static string SectionName(ReadOnlySpan<byte> name) => KnownSections.Find(name) ?? GoText.ToText(name);

    private static string OptionValue(ReadOnlySpan<byte> raw)
    {
        var trimmed = GoText.TrimSpace(raw);
        if (raw.IsEmpty || raw[^1] != '\n') return GoText.ToText(trimmed);
        // A value that ends in a continuation followed by a blank line keeps that newline. raw
        // only ends in '\n' when it ends in "\\\n" (the newline is added after a backslash), so
        // trimming stopped at the backslash and the value runs on to the end of raw: one string,
        // no concatenation.
        Debug.Assert(raw.Length >= 2 && raw[^2] == '\\', "a value ends in a newline only after a continuation backslash");
        return GoText.ToText(raw[^(trimmed.Length + 1)..]);
    }
}
