using FsCheck;
using FsCheck.Fluent;

namespace Fleet.UnitFiles.Tests.Properties;

/// <summary>
/// The round-trip generator stays inside the definition of a valid option and reaches every hard
/// part of the lexer; checked on a fixed sample (fixed seed), so the outcome does not vary by run.
/// </summary>
public class GeneratorCoverage
{
    private static readonly (string Feature, Func<ValidOptionList, bool> Holds)[] HardParts =
    [
        ("a continuation line", l => l.Options.Any(o => o.Value.Contains("\\\n", StringComparison.Ordinal))),
        ("an indented continuation line", l => l.Options.Any(o => o.Value.Contains("\\\n ", StringComparison.Ordinal) || o.Value.Contains("\\\n\t", StringComparison.Ordinal))),
        ("a continuation line starting with '[' or '#'", l => l.Options.Any(o => o.Value.Contains("\\\n[", StringComparison.Ordinal) || o.Value.Contains("\\\n#", StringComparison.Ordinal))),
        ("'#' or ';' in a value", l => l.Options.Any(o => o.Value.IndexOfAny(['#', ';']) >= 0)),
        ("'#' or ';' in a name", l => l.Options.Any(o => o.Name.IndexOfAny(['#', ';']) > 0)),
        ("'=' in a value", l => l.Options.Any(o => o.Value.Contains('=', StringComparison.Ordinal))),
        ("accented or CJK text", l => l.Options.Any(o => (o.Name + o.Value).Any(c => c is 'é' or 'ü' or '中' or '文'))),
        ("a character outside the BMP", l => l.Options.Any(o => (o.Section + o.Name + o.Value).Any(char.IsSurrogate))),
        ("a Unicode space inside a value", l => l.Options.Any(o => o.Value.Any(c => c is '\u00A0' or '\u3000' or '\u2028' or '\u0085' or '\u2007'))),
        ("a tab inside a value", l => l.Options.Any(o => o.Value.Contains('\t', StringComparison.Ordinal))),
        ("a lone CR inside a value", l => l.Options.Any(o => o.Value.Contains('\r', StringComparison.Ordinal))),
        ("an empty value", l => l.Options.Any(o => o.Value.Length == 0)),
        ("an empty name", l => l.Options.Any(o => o.Name.Length == 0)),
        ("a repeated option", l => l.Options.Distinct().Count() < l.Options.Count),
        ("interleaved sections", l => !l.IsGrouped),
        ("a section with a space", l => l.Options.Any(o => o.Section.Contains(' ', StringComparison.Ordinal))),
        ("a section with '['", l => l.Options.Any(o => o.Section.Contains('[', StringComparison.Ordinal))),
        ("a section with a newline", l => l.Options.Any(o => o.Section.Contains('\n', StringComparison.Ordinal))),
        ("an empty section", l => l.Options.Any(o => o.Section.Length == 0)),
        ("more than 16 sections", l => l.SectionCount > 16),
    ];

    [Fact]
    public void Generated_option_lists_are_valid_and_reach_the_hard_parts()
    {
        var lists = OptionGenerators.Lists.Sample(numberOfSamples: 400, seed: new Rnd(20240611UL), size: 50);

        Assert.All(lists.SelectMany(l => l.Options), option => Assert.True(ValidOption.IsValid(option), option.ToString()));
        var missing = HardParts.Where(part => lists.Count(part.Holds) < 20).Select(part => part.Feature).ToList();
        Assert.True(missing.Count == 0, "rarely or never generated: " + string.Join(", ", missing));
    }

    [Fact]
    public void Shrinking_keeps_options_valid()
    {
        var list = OptionGenerators.Lists.Sample(numberOfSamples: 20, seed: new Rnd(7UL), size: 100).OrderByDescending(l => l.Options.Count).First();
        var candidates = Shrink.OptionList(list).Take(2000).ToList();

        Assert.NotEmpty(candidates);
        Assert.All(candidates.SelectMany(c => c.Options), option => Assert.True(ValidOption.IsValid(option), option.ToString()));
    }
}
