using System.Text;
using Fleet.Core;
using FsCheck;
using FsCheck.Fluent;

namespace Fleet.UnitFiles.Tests.Properties;

/// <summary>
/// The arbitraries of the unit-file properties: each pairs a generator with a shrinker, so a
/// failure is reported as a small counterexample rather than the random one that found it.
/// </summary>
public static class UnitFileArbitraries
{
    /// <summary>Valid option lists (see <see cref="ValidOption"/>), grouped by section or interleaved.</summary>
    public static Arbitrary<ValidOptionList> ValidOptionLists() => Arb.From(OptionGenerators.Lists, Shrink.OptionList);

    /// <summary>Texts that look like unit files most of the time (so most are accepted), with garbage now and then.</summary>
    public static Arbitrary<UnitLikeText> UnitLikeTexts() => Arb.From(TextGenerators.Texts, Shrink.Text);

    /// <summary>Arbitrary bytes up to ~12 KB.</summary>
    public static Arbitrary<ByteSoup> ByteSoups() => Arb.From(ByteGenerators.Soups, Shrink.Bytes);
}

/// <summary>The building blocks of generated strings: whole code points, never a lone surrogate.</summary>
internal static class Atoms
{
    public static readonly string[] Plain =
        ["a", "b", "c", "x", "y", "z", "A", "Q", "Z", "0", "1", "9", "-", ".", "_", "/", ":", "%", "@", "+", ",", "\"", "'", "$", "*", "~", "!", "(", ")"];

    // Beyond ASCII: accented (precomposed and combining), Cyrillic, CJK, emoji and a clef outside
    // the BMP, and characters .NET or other languages may take for white space but Go does not.
    public static readonly string[] Unicode =
        ["é", "e\u0301", "ü", "ß", "Ω", "ж", "中", "文", "日本", "😀", "🚀", "𝄞", "\U0010FFFD", "\u200B", "\u180E", "\uFEFF", "\u001C", "\u001F", "\u00AD", "\u0000", "\u007F", "\uFFFD"];

    // Go white space that may stand inside a value (lone \r included); trimmed at the ends.
    public static readonly string[] InnerSpace =
        [" ", " ", "\t", "\r", "\v", "\f", "\u0085", "\u00A0", "\u1680", "\u2000", "\u2007", "\u200A", "\u2028", "\u2029", "\u202F", "\u205F", "\u3000"];

    public static readonly string[] Special = ["=", "#", ";", "[", "]", "\\"];

    public static Gen<string> From(string[] plain, string[] unicode, string[] space, string[] special) =>
        Gen.Frequency(
            (6, Gen.Elements(plain)),
            (2, Gen.Elements(unicode)),
            (2, Gen.Elements(space)),
            (2, Gen.Elements(special)));

    public static Gen<string> StringOf(Gen<string> atom, int min, int max) =>
        Gen.Sized(size => Gen.Choose(min, Math.Max(min, Math.Min(max, min + (size / 5)))))
            .SelectMany(n => Gen.ArrayOf(atom, n))
            .Select(string.Concat);

    public static string[] Without(string[] atoms, params string[] excluded) => [.. atoms.Where(a => !excluded.Contains(a))];
}

// WHAT A VALID OPTION IS (the generator below makes only these; ValidOption checks exactly this).
// A valid option is one fleet writes and reads back unchanged (go-systemd as vendored by fleet
// v1.0.0). "Go white space" is unicode.IsSpace: \t \n \v \f \r space U+0085 U+00A0 U+1680
// U+2000-U+200A U+2028 U+2029 U+202F U+205F U+3000.
//   - section: any text without ']' (may be empty, may hold spaces, '[', even a newline): the
//     reader takes everything up to the first ']'.
//   - name: no '=', '\n' or '\r'; equal to itself trimmed of Go white space; does not start with
//     '#', ';' or '[' (a comment or a section would start there); may be empty.
//   - value: equal to itself trimmed of Go white space; split on '\n', every line but the last
//     ends with '\' (a continuation), every line but the first is non-blank after trimming (a
//     blank line ends a value), and the last line does not end with '\'.
//   - every written line ("[section]" and "name=value", split on '\n') is shorter than 2048 UTF-8
//     bytes (generated strings are kept short), and no string holds a lone UTF-16 surrogate.
// A value ending in '\' (or in a newline) is NOT valid: fleet writes it as a continuation that it
// reads back joined with the next line; RoundTripProperties pins that with an example.

/// <summary>Generators of valid options, built to reach the lexer's hard parts.</summary>
internal static class OptionGenerators
{
    private static readonly Gen<string> SectionAtom =
        Atoms.From(Atoms.Plain, Atoms.Unicode, Atoms.InnerSpace, ["\n", "[", "=", "#", ";", "\\"]);

    private static readonly Gen<string> NameAtom =
        Atoms.From(Atoms.Plain, Atoms.Unicode, Atoms.Without(Atoms.InnerSpace, "\r"), ["#", ";", "[", "]", "\\"]);

    private static readonly Gen<string> ValueAtom =
        Atoms.From(Atoms.Plain, Atoms.Unicode, Atoms.InnerSpace, Atoms.Special);

    // Sections: the usual ones (which the parser interns), near misses, and free text without ']'.
    public static readonly Gen<string> Section = Gen.Frequency(
        (5, Gen.Elements("Unit", "Service", "X-Fleet", "Install")),
        (3, Gen.Elements("", "Socket", "unit", "Service ", " Unit", "[Unit", "My Section", "a\nb", "A=B", "#x", ";y", "\t", "[[")),
        (4, Atoms.StringOf(SectionAtom, 0, 12)));

    // Names: usual ones, empty, and free text trimmed and stripped of a leading '#', ';' or '['
    // (which may then hold those characters, '\\', ']', spaces and Unicode inside).
    public static readonly Gen<string> Name = Gen.Frequency(
        (4, Gen.Elements("ExecStart", "Description", "User", "After", "MachineOf", "Conflicts", "Environment", "X")),
        (1, Gen.Constant("")),
        (5, Atoms.StringOf(NameAtom, 1, 10).Select(NormalizeName)));

    // A value: a first line, then up to three continuation lines, each line but the last ending
    // in '\\' (often "a \\"), each continuation line non-blank and often indented or starting with
    // what would elsewhere be a section or a comment.
    public static readonly Gen<string> Value =
        (from first in Line(0)
         from continuations in Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Choose(1, 2)), (1, Gen.Constant(3)))
         from more in Gen.ArrayOf(ContinuationLine, continuations)
         from gap in Gen.Elements(" \\", "\\", " \\", "\t\\")
         select continuations == 0 ? first : first + gap + "\n" + string.Join(gap + "\n", more))
        .Select(GoSpace.Trim)
        .Where(ValidOption.IsValidValue);

    private static readonly Gen<string> ContinuationLine =
        from indent in Gen.Elements("", "", "  ", "\t", " \u3000")
        from lead in Gen.Elements("", "", "", "[", "#", ";", "=", "\\", "[Unit]")
        from body in Line(1)
        select indent + lead + body;

    private static Gen<string> Line(int min) => Atoms.StringOf(ValueAtom, min, 14);

    public static string NormalizeName(string name)
    {
        while (true)
        {
            var trimmed = GoSpace.Trim(name);
            if (trimmed.Length > 0 && trimmed[0] is '#' or ';' or '[') trimmed = trimmed[1..];
            if (trimmed == name) return name;
            name = trimmed;
        }
    }

    private static Gen<UnitOption> Option(string[] sections) =>
        from section in Gen.Elements(sections)
        from name in Name
        from value in Value
        select new UnitOption(section, name, value);

    // A list: a pool of sections (past 16 now and then, where the writer switches from its
    // look-back check to sorting; a large pool puts an option in every section), a pool of
    // options that repeat, fresh options, and either file order (interleaved) or grouped order.
    public static readonly Gen<ValidOptionList> Lists =
        from sectionCount in Gen.Frequency((6, Gen.Choose(1, 4)), (3, Gen.Choose(5, 10)), (1, Gen.Choose(15, 24)))
        from pool in Gen.ArrayOf(Section, sectionCount)
        let sections = sectionCount > 12 ? pool.Select((s, i) => $"{s} {i}").ToArray() : pool
        from repeated in Gen.ArrayOf(Option(sections), 3)
        from count in Gen.Sized(size => Gen.Choose(0, 3 + (size / 3)))
        from options in Gen.ArrayOf(Gen.Frequency((1, Gen.Elements(repeated)), (4, Option(sections))), count)
        from everySection in sectionCount > 12 ? Gen.CollectToArray(sections, s => Option([s])) : Gen.Constant(Array.Empty<UnitOption>())
        from shuffled in Gen.Shuffle(options.Concat(everySection))
        from grouped in Gen.Frequency((1, Gen.Constant(true)), (2, Gen.Constant(false)))
        select new ValidOptionList(grouped ? OptionOrder.GroupedBySection(shuffled) : shuffled);
}

/// <summary>Texts shaped like unit files: headers, options, comments, continuations, blank lines, garbage.</summary>
internal static class TextGenerators
{
    private static readonly Gen<string> LineEnd = Gen.Frequency((3, Gen.Constant("\n")), (1, Gen.Constant("\r\n")));

    // After an option a lone '\r' or nothing at all glues the next piece onto the value.
    private static readonly Gen<string> OptionEnd = Gen.Frequency((12, LineEnd), (1, Gen.Constant("\r")), (1, Gen.Constant("")));

    private static readonly Gen<string> Space = Gen.Elements("", "", "", " ", "  ", "\t", " \t ", "\u00A0", "\u3000", "\u2003");

    private static readonly Gen<string> Garbage =
        Atoms.StringOf(Atoms.From(Atoms.Plain, Atoms.Unicode, Atoms.InnerSpace, Atoms.Special), 1, 12);

    private static readonly Gen<string> Header =
        from lead in Space
        from section in OptionGenerators.Section
        from trail in Space
        from eol in LineEnd
        select lead + "[" + section + "]" + trail + eol;

    private static readonly Gen<string> Option =
        from lead in Space
        from name in OptionGenerators.Name
        from beforeEq in Space
        from afterEq in Space
        from value in Gen.Frequency(
            (20, OptionGenerators.Value),
            (1, Gen.Elements("/bin/echo a \\", "x\\", "\\", "a \\ ")), // continues into the next piece
            (2, Gen.Constant("")))
        from trail in Space
        from eol in OptionEnd
        select lead + name + beforeEq + "=" + afterEq + value + trail + eol;

    // An option whose value goes on over lines of free text; a continuation line may itself end
    // in a backslash (and swallow the next piece), and CRLF after the backslash ends the value.
    private static readonly Gen<string> ContinuedOption =
        from name in OptionGenerators.Name
        from first in Garbage
        from count in Gen.Choose(1, 3)
        from lines in Gen.ArrayOf(
            from indent in Gen.Elements("  ", "\t", "", "\u3000")
            from body in Garbage
            from eol in Gen.Frequency((12, Gen.Constant("\n")), (1, Gen.Constant("\r\n")))
            select indent + body + " \\" + eol,
            count)
        from lastStart in Gen.Elements(Atoms.Plain)
        from last in Garbage
        from lastEnd in Gen.Frequency((16, Gen.Constant("")), (1, Gen.Constant("\\")), (1, Gen.Constant("\\ ")))
        from eol in LineEnd
        select name + "=" + first + " \\\n" + string.Concat(lines) + "  " + lastStart + last + lastEnd + eol;

    private static readonly Gen<string> Comment =
        from lead in Space
        from mark in Gen.Elements("#", ";")
        from body in Garbage
        from end in Gen.Frequency((6, Gen.Constant("")), (1, Gen.Constant("\\")), (1, Gen.Constant("\\ ")), (1, Gen.Constant("\\  ")))
        from eol in LineEnd
        select lead + mark + body + end + eol;

    private static readonly Gen<string> Blank =
        from space in Space
        from eol in Gen.Frequency((6, LineEnd), (1, Gen.Constant("\r")))
        select space + eol;

    // Pieces that usually make the file unreadable: a line with no '=', text after a header,
    // a header never closed, a name cut off by the end of the file, a '\r' inside a name.
    private static readonly Gen<string> Broken = Gen.OneOf(
        from g in Garbage from eol in LineEnd select g + eol,
        from h in Header from junk in Gen.Elements(" junk", "\rA=b", "x") select h.TrimEnd('\n', '\r') + junk + "\n",
        Gen.Elements("[Unit", "Name", "Na\rme=x\n"));

    private static readonly Gen<string> Piece = Gen.Frequency(
        (3, Header), (9, Option), (2, ContinuedOption), (2, Comment), (2, Blank));

    // Before the first header everything up to a '[' is skipped, whatever it is.
    private static readonly Gen<string> Preamble = Gen.Frequency(
        (3, Option), (2, Comment), (2, Blank), (1, Garbage), (1, ContinuedOption));

    public static readonly Gen<UnitLikeText> Texts =
        from before in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3)))
        from preamble in Gen.ArrayOf(Preamble, before)
        from header in Header
        from count in Gen.Sized(size => Gen.Choose(0, 2 + (size / 4)))
        from body in Gen.ArrayOf(Piece, count)
        from broken in Gen.Frequency((5, Gen.Constant(Array.Empty<string>())), (1, Gen.ArrayOf(Broken, 1)))
        from at in Gen.Choose(0, count)
        select new UnitLikeText([.. preamble, header, .. body.Take(at), .. broken, .. body.Skip(at)]);
}

/// <summary>Byte soups: lexer punctuation, words, valid and invalid UTF-8, unit-like lines, long lines.</summary>
internal static class ByteGenerators
{
    public const int MaxLength = 12 * 1024;

    private static readonly byte[][] Punctuation = [.. "[]=\n\r\\#; \t".Select(c => new[] { (byte)c })];

    private static readonly byte[][] ValidUtf8 =
        [.. new[] { "é", "中", "😀", "\u0085", "\u00A0", "\u2028", "\u3000", "\u1680", "\uFEFF", "\U0010FFFF" }.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xBF], [0xC0, 0xAF], [0xC2], [0xE2, 0x82], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
        [0xF0, 0x9F, 0x98], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFE], [0xFF], [0xC2, 0x0A], [0xE2, 0x80, 0x5D],
    ];

    private static readonly byte[][] UnitLines =
        [.. new[] { "[Unit]\n", "[Service]\r\n", "[X-Fleet]\n", "ExecStart=/bin/true\n", "Name=a \\\n  b\n", "# c \\\n", "; c\\ \n", "A=\n", "=\n", "[", "]" }
            .Select(Encoding.UTF8.GetBytes)];

    private static readonly Gen<byte[]> Word =
        from n in Gen.Choose(1, 8)
        from letters in Gen.ArrayOf(Gen.Choose('a', 'z').Select(c => (byte)c), n)
        select letters;

    // Long stretches without a line break, so the 2048-byte limit is reached (at varying offsets
    // against bufio's 4096-byte fills).
    private static readonly Gen<byte[]> LongRun =
        from n in Gen.Frequency((2, Gen.Choose(1500, 2100)), (2, Gen.Choose(2040, 2060)), (1, Gen.Choose(2100, 4500)))
        from fill in Gen.Frequency(
            (2, Gen.Elements((byte)'x', (byte)' ', (byte)'=', (byte)'\\', (byte)'[').Select(b => Enumerable.Repeat(b, n).ToArray())),
            (1, Gen.ArrayOf(Gen.Choose(0, 255).Where(b => b is not '\n' and not '\r').Select(b => (byte)b), n)))
        select fill;

    private static readonly Gen<byte[]> Piece = Gen.Frequency(
        (20, Gen.Elements(Punctuation)),
        (10, Word),
        (6, Gen.Elements(ValidUtf8)),
        (6, Gen.Elements(InvalidUtf8)),
        (4, Gen.Elements(UnitLines)),
        (2, Gen.Choose(0, 255).Select(b => new[] { (byte)b })),
        (1, LongRun));

    public static readonly Gen<ByteSoup> Soups =
        from count in Gen.Sized(size => Gen.Choose(0, 4 + (size * 4)))
        from pieces in Gen.ArrayOf(Piece, count)
        select new ByteSoup([.. pieces.SelectMany(p => p).Take(MaxLength)]);
}

/// <summary>
/// Shrinkers. Every candidate is strictly smaller (fewer elements, or as many with more plain
/// 'a's), so shrinking ends; option candidates are kept only when still valid.
/// </summary>
internal static class Shrink
{
    public static IEnumerable<ValidOptionList> OptionList(ValidOptionList list)
    {
        var options = list.Options;
        foreach (var shorter in Removals(options)) yield return new ValidOptionList(shorter);
        for (var i = 0; i < options.Count; i++)
        {
            foreach (var smaller in Option(options[i]))
            {
                var copy = options.ToArray();
                copy[i] = smaller;
                yield return new ValidOptionList(copy);
            }
        }
    }

    private static IEnumerable<UnitOption> Option(UnitOption option) =>
        Text(option.Value).Select(v => option with { Value = v })
            .Concat(Text(option.Name).Select(n => option with { Name = n }))
            .Concat(Text(option.Section).Select(s => option with { Section = s }))
            .Where(ValidOption.IsValid);

    public static IEnumerable<UnitLikeText> Text(UnitLikeText text)
    {
        var pieces = text.Pieces;
        foreach (var shorter in Removals(pieces)) yield return new UnitLikeText(shorter);
        for (var i = 0; i < pieces.Count; i++)
        {
            foreach (var smaller in Text(pieces[i]).Where(p => p.Length > 0))
            {
                var copy = pieces.ToArray();
                copy[i] = smaller;
                yield return new UnitLikeText(copy);
            }
        }
    }

    public static IEnumerable<ByteSoup> Bytes(ByteSoup soup)
    {
        foreach (var shorter in Removals(soup.Bytes)) yield return new ByteSoup([.. shorter]);
        if (soup.Bytes.Length > 256) yield break;
        for (var i = 0; i < soup.Bytes.Length; i++)
        {
            if (soup.Bytes[i] == 'a') continue;
            var copy = soup.Bytes.ToArray();
            copy[i] = (byte)'a';
            yield return new ByteSoup(copy);
        }
    }

    /// <summary>A string without whole runs of its code points (halves first, then smaller), then with single code points made 'a'.</summary>
    public static IEnumerable<string> Text(string s)
    {
        var runes = s.EnumerateRunes().Select(r => r.ToString()).ToArray();
        foreach (var shorter in Removals(runes)) yield return string.Concat(shorter);
        for (var i = 0; i < runes.Length; i++)
        {
            if (runes[i] == "a") continue;
            var copy = runes.ToArray();
            copy[i] = "a";
            yield return string.Concat(copy);
        }
    }

    /// <summary>The list without one block of elements: the whole list, then halves, quarters, ... single elements.</summary>
    private static IEnumerable<T[]> Removals<T>(IReadOnlyList<T> items)
    {
        if (items.Count == 0) yield break;
        yield return [];
        for (var block = items.Count / 2; block >= 1; block /= 2)
        {
            for (var start = 0; start + block <= items.Count; start += block)
            {
                yield return [.. items.Take(start), .. items.Skip(start + block)];
            }
        }
    }
}
